package jp.shinkin.otp.service.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layering the module table describes, as rules that fail the build: the domain core is pure,
 * the service's packages form no cycle, and the lowest ones (API answers, messaging plumbing, the
 * Streams host) never reach up into the HTTP features built on them.
 */
class LayeringTest {
    private static final JavaClasses PLATFORM = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // Other modules' test jars (the shared test fixtures) are tests too.
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("jp.shinkin.otp");

    @Test
    void theDomainCoreKnowsNoFrameworkNoBrokerNoWireFormat() {
        classes().that().resideInAPackage("jp.shinkin.otp.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.crypto..", "org.bouncycastle..",
                        "jp.shinkin.otp.domain..")
                .because("OTP math and decide/evolve are plain Java (and Bouncy Castle's Argon2): testable and reusable"
                        + " without a broker, a framework or a wire format")
                .check(PLATFORM);
    }

    @Test
    void theServicePackagesFormNoCycle() {
        slices().matching("jp.shinkin.otp.service.(*)..").should().beFreeOfCycles().check(PLATFORM);
    }

    @Test
    void theFoundationsDoNotReachUpIntoTheFeatures() {
        noClasses().that().resideInAnyPackage("jp.shinkin.otp.service.api..", "jp.shinkin.otp.service.messaging..",
                        "jp.shinkin.otp.service.hosting..", "jp.shinkin.otp.service.keys..", "jp.shinkin.otp.service.stores..",
                        "jp.shinkin.otp.service.routing..")
                .should().dependOnClassesThat().resideInAnyPackage("jp.shinkin.otp.service.flows..",
                        "jp.shinkin.otp.service.verification..", "jp.shinkin.otp.service.ops..", "jp.shinkin.otp.service.tokens..",
                        "jp.shinkin.otp.service.notices..", "jp.shinkin.otp.service.fraud..", "jp.shinkin.otp.service.pages..",
                        "jp.shinkin.otp.service.security..", "jp.shinkin.otp.service.limits..", "jp.shinkin.otp.service.gateway..",
                        "jp.shinkin.otp.service.sessions..", "jp.shinkin.otp.service.passwords..", "jp.shinkin.otp.service.validation..")
                .because("HTTP features are built on the host, routing and messaging, never the other way round")
                .check(PLATFORM);
    }

    @Test
    void theLibrariesKnowNothingOfTheService() {
        noClasses().that().resideInAnyPackage("jp.shinkin.otp.messaging..", "jp.shinkin.otp.credentials..", "jp.shinkin.otp.wire..",
                        "jp.shinkin.otp.fraud..", "jp.shinkin.otp.notifications..")
                .should().dependOnClassesThat().resideInAPackage("jp.shinkin.otp.service..")
                .because("the topologies and the topic catalogue run in the audit tools and benchmarks too")
                .check(PLATFORM);
    }

    @Test
    void processorsDoNotReachBackIntoTheTopologyThatWiresThem() {
        noClasses().that().resideInAnyPackage("jp.shinkin.otp.credentials..", "jp.shinkin.otp.fraud..", "jp.shinkin.otp.notifications..")
                .and().haveSimpleNameNotEndingWith("Topology")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Topology")
                .because("store names live in StateStores and settings in their own records: a topology is a table of"
                        + " contents that only wires its parts")
                .check(PLATFORM);
    }

    @Test
    void theCustomerFlowsAreLeavesThatNothingElseImports() {
        noClasses().that().resideOutsideOfPackage("jp.shinkin.otp.service.flows..")
                .should().dependOnClassesThat().resideInAPackage("jp.shinkin.otp.service.flows..")
                .because("what other features share with the flows (sessions, passwords, request checks, decision"
                        + " answers) has a package of its own")
                .check(PLATFORM);
    }
}
