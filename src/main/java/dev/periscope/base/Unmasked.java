package dev.periscope.base;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a type that carries raw, unmasked production data (a stored log event, a Prometheus response, a vault
 * entry). The architecture test forbids UI and API code from touching any type marked with it; such values reach
 * them only after the masking engine, as {@code Masked*} types.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Unmasked {
}
