package dev.periscope.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;

class AbsoluteSessionTimeoutTest {

    @Test
    void a_session_older_than_the_limit_is_ended_even_when_active() throws Exception {
        MockHttpSession session = new MockHttpSession();
        Clock later = Clock.fixed(Instant.ofEpochMilli(session.getCreationTime()).plus(Duration.ofHours(13)), ZoneOffset.UTC);
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setSession(session);

        new AbsoluteSessionTimeout(Duration.ofHours(12), later).doFilter(request, new MockHttpServletResponse(),
                new MockFilterChain());

        assertThat(session.isInvalid()).isTrue();
    }

    @Test
    void a_younger_session_is_left_alone() throws Exception {
        MockHttpSession session = new MockHttpSession();
        Clock soon = Clock.fixed(Instant.ofEpochMilli(session.getCreationTime()).plus(Duration.ofHours(1)), ZoneOffset.UTC);
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setSession(session);

        new AbsoluteSessionTimeout(Duration.ofHours(12), soon).doFilter(request, new MockHttpServletResponse(),
                new MockFilterChain());

        assertThat(session.isInvalid()).isFalse();
    }
}
