package dev.periscope.masking;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The masking engine with the shipped rules and a token vault in memory, for tests outside the masking package. */
public final class ShippedMasking {

    private ShippedMasking() {
    }

    public static MaskingService service() {
        return MaskingFixtures.service(new FastEngine(), new MemoryVault());
    }

    private static final class MemoryVault implements TokenVault {
        private final Map<String, String> values = new ConcurrentHashMap<>();

        @Override
        public void remember(String token, String value) {
            values.put(token, value);
        }

        @Override
        public List<String> resolve(String token) {
            String value = values.get(token);
            return value == null ? List.of() : List.of(value);
        }
    }
}
