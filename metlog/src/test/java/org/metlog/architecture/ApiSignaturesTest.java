package org.metlog.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.members;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The exported API names none of Jackson's types: JSON is how the library writes messages, not something a user
 * of it has to know, and the module descriptor then needs no {@code requires transitive} on Jackson.
 */
class ApiSignaturesTest {
    private static final String JACKSON = "com.fasterxml.jackson";

    /** Members a user outside the module can reach: public or protected, of a type that is itself reachable. */
    private static final DescribedPredicate<JavaMember> REACHABLE =
        DescribedPredicate.describe("are reachable from outside the module", member -> reachable(member.getModifiers()
            .contains(JavaModifier.PUBLIC) || member.getModifiers().contains(JavaModifier.PROTECTED),
            member.getOwner()));

    private static boolean reachable(boolean memberVisible, JavaClass owner) {
        if (!memberVisible || !exported(owner.getPackageName())) {
            return false;
        }
        for (JavaClass type = owner; ; type = type.getEnclosingClass().orElseThrow()) {
            if (!type.getModifiers().contains(JavaModifier.PUBLIC)) {
                return false;
            }
            if (type.getEnclosingClass().isEmpty()) {
                return true;
            }
        }
    }

    private static boolean exported(String pkg) {
        return !pkg.startsWith("org.metlog.internal") && !pkg.startsWith("org.metlog.cli");
    }

    private static final ArchCondition<JavaMember> NAME_NO_JACKSON_TYPE =
        new ArchCondition<>("name no type of " + JACKSON) {
            @Override
            public void check(JavaMember member, ConditionEvents events) {
                List<JavaClass> types = new ArrayList<>();
                if (member instanceof JavaField field) {
                    types.add(field.getRawType());
                } else if (member instanceof JavaCodeUnit code) {
                    types.add(code.getRawReturnType());
                    types.addAll(code.getRawParameterTypes());
                    types.addAll(code.getExceptionTypes());
                }
                for (JavaClass type : types) {
                    if (type.getBaseComponentType().getPackageName().startsWith(JACKSON)) {
                        events.add(SimpleConditionEvent.violated(member,
                            member.getFullName() + " names " + type.getName() + " in its signature"));
                    }
                }
            }
        };

    @Test
    void no_public_member_of_an_exported_package_names_a_jackson_type() {
        members().that(REACHABLE).should(NAME_NO_JACKSON_TYPE).check(ProductionClasses.get());
    }
}
