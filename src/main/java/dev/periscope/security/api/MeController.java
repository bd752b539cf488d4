package dev.periscope.security.api;

import dev.periscope.security.CurrentUser;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who the API caller is, as the portal sees them: useful for checking a token's roles. */
@RestController
class MeController {

    @GetMapping("/api/v1/me")
    CurrentUser me(Authentication authentication) {
        return CurrentUser.from(authentication);
    }
}
