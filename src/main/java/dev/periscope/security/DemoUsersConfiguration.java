package dev.periscope.security;

import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The demo profile's fixed users: one per role, the password equal to the name, and a second approver
 * ({@code approver2}), since the demo policy asks two approvers for the payments service. Never active outside
 * {@code demo}.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
class DemoUsersConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService demoUsers(PasswordEncoder encoder) {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        for (String role : Roles.ALL) {
            String name = role.toLowerCase(Locale.ROOT);
            users.createUser(User.withUsername(name).password(encoder.encode(name)).roles(role).build());
        }
        users.createUser(User.withUsername("approver2").password(encoder.encode("approver2")).roles(Roles.APPROVER)
                .build());
        return users;
    }
}
