package jp.shinkin.otp.service.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.micronaut.http.annotation.Controller;
import org.junit.jupiter.api.Test;

/**
 * One seam into the single writer: controllers speak domain commands and HTTP; the wire (Avro)
 * mapping lives in otp-credentials' CommandWriter/CommandReader, and only the gateway submits
 * commands to the single writer.
 */
class SingleWriterSeamTest {
    private static final JavaClasses SERVICE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
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
        noClasses().that().resideOutsideOfPackage("jp.shinkin.otp.service.gateway")
                .should().dependOnClassesThat().haveSimpleName("CommandGateway")
                .orShould().dependOnClassesThat().haveSimpleName("CommandPublisher")
                .because("submitting to the single writer happens in one place: ContractOwner")
                .check(SERVICE);
        noClasses().that().resideOutsideOfPackages("jp.shinkin.otp.service.gateway", "jp.shinkin.otp.service.routing")
                .should().dependOnClassesThat().haveSimpleName("ContractRouter")
                .because("whether to decide here or forward is ContractOwner's question")
                .check(SERVICE);
    }
}
