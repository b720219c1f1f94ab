package dev.kfsck.core.repair.plan.trips;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a test outside the trips that shows codes reported and then repaired: the finding codes it proves, so that a
 * family's {@link CodeFamily#provenElsewhere()} entry names a test that claims the code, not just any test.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ProvesRepairOf {
    /** Finding code ids. */
    String[] value();
}
