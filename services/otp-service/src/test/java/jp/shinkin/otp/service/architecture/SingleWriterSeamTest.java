package jp.shinkin.otp.service.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.micronaut.http.annotation.Controller;
import org.junit.jupiter.api.Test;

/**
 * One seam into the single writer: controllers speak domain commands and HTTP; the wire (Avro)
 * mapping lives in otp-credentials' CommandWriter/CommandReader, and only the seam's own package
 * reaches Kafka.
 */
class SingleWriterSeamTest {
    private static final JavaClasses SERVICE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("jp.shinkin.otp.service");

    @Test
    void controllersNeverTouchWireTypes() {
        noClasses().that().areAnnotatedWith(Controller.class)
                .should().dependOnClassesThat().resideInAnyPackage("jp.shinkin.otp.wire..", "org.apache.avro..")
                .because("controllers hand domain commands to ContractOwner; CommandWriter maps them to the wire")
                .check(SERVICE);
    }

    @Test
    void onlyTheSeamWritesCommands() {
        noClasses().that().resideOutsideOfPackage("jp.shinkin.otp.service.credentials")
                .should().dependOnClassesThat().haveSimpleName("CommandGateway")
                .orShould().dependOnClassesThat().haveSimpleName("CommandPublisher")
                .orShould().dependOnClassesThat().haveSimpleName("ContractRouter")
                .because("routing, forwarding and submitting to the single writer happen in one place: ContractOwner")
                .check(SERVICE);
    }
}
