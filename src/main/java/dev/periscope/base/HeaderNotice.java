package dev.periscope.base;

import com.vaadin.flow.component.Component;
import java.util.Optional;

/**
 * A notice the shell shows under the environment banner on every page, such as an elevated-access countdown.
 * Feature modules contribute them as Spring beans, so the shell does not depend on the features.
 */
public interface HeaderNotice {

    /** The notice for the signed-in user on this page, or empty when there is nothing to say. */
    Optional<Component> create();
}
