package org.metlog.spring.boot.autoconfigure;

import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the application configures a client: {@code metlog.config-location} or any client property is
 * set. With neither, the starter stays out of the way (an application that only has it on the class path starts
 * as before) rather than failing for the missing {@code metlog.sender.class}.
 */
final class OnMetlogConfiguration extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        if (!(context.getEnvironment() instanceof ConfigurableEnvironment environment)) {
            return ConditionOutcome.noMatch("the environment is not a ConfigurableEnvironment");
        }
        Map<String, Object> tree = PropertyTree.read(environment);
        boolean location = tree.keySet().stream().map(ClientConfigMap::option).anyMatch("config_location"::equals);
        if (location || !ClientConfigMap.of(tree).isEmpty()) {
            return ConditionOutcome.match("metlog.* client properties are set");
        }
        return ConditionOutcome.noMatch("neither metlog.config-location nor a metlog.* client property is set");
    }
}
