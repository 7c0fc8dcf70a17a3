package jp.shinkin.otp.testkit;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Skips without Docker when Testcontainers is asked for; injects the shared {@link KafkaPlatform}. */
public final class KafkaPlatformExtension implements ExecutionCondition, ParameterResolver {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if ("testcontainers".equals(KafkaPlatform.fixture()) && !ContainerBroker.dockerAvailable()) {
            return ConditionEvaluationResult.disabled("kafka.fixture=testcontainers but no Docker engine is available");
        }
        return ConditionEvaluationResult.enabled("fixture " + KafkaPlatform.fixture());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaPlatform.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return KafkaPlatform.shared();
    }
}
