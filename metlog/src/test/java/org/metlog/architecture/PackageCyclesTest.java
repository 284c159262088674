package org.metlog.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

/**
 * No import cycle between packages. Every package is a slice of its own: {@code org.metlog} itself,
 * {@code internal}, {@code message}, {@code spi}, {@code senders}, {@code senders.zmq}, {@code filters},
 * {@code config}, {@code logging}, {@code decorators}, {@code cli}, and any package added later.
 */
class PackageCyclesTest {
    /** One slice per Java package under {@code org.metlog}; classes of other libraries belong to none. */
    private static final SliceAssignment ONE_SLICE_PER_PACKAGE = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass type) {
            return ProductionClasses.isOwn(type) ? SliceIdentifier.of(type.getPackageName()) : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "one slice per package of " + ProductionClasses.ROOT;
        }
    };

    @Test
    void no_package_of_the_library_depends_on_itself_through_another_package() {
        slices().assignedFrom(ONE_SLICE_PER_PACKAGE)
            .should().beFreeOfCycles()
            .check(ProductionClasses.get());
    }
}
