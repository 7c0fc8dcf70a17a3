package jp.shinkin.otp.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The web channel is a relay in front of the API: it knows the platform only over HTTP. */
class OnlyHttpTest {

    @Test
    void theRelayUsesNothingOfThePlatformButItsUrl() {
        classes().that().resideInAPackage("jp.shinkin.otp.web..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "jakarta..", "io.micronaut..",
                        "jp.shinkin.otp.web..")
                .because("the relay calls the platform's customer flows over HTTP, as a bank's channel server would;"
                        + " it is tied to the platform by the problem shape, the URL, the channel key and the session header")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("jp.shinkin.otp.web"));
    }
}
