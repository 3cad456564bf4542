package io.voicepartner.launcher;

import io.voicepartner.support.outbound.HostResolver;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The name lookups of tool test calls, answered from a map that a test fills, as a DNS server under an
 * attacker's control would answer them (a name with only an AAAA record for {@code ::ffff:127.0.0.1}); any
 * other name is looked up by the system.
 */
@TestConfiguration(proxyBeanMethods = false)
class TestHosts {

    private static final Map<String, List<InetAddress>> NAMES = new ConcurrentHashMap<>();

    static void answer(String name, InetAddress... addresses) {
        NAMES.put(name, List.of(addresses));
    }

    @Bean
    HostResolver testHostResolver() {
        return host -> {
            List<InetAddress> answer = NAMES.get(host);
            return answer == null ? HostResolver.SYSTEM.resolve(host) : answer.toArray(InetAddress[]::new);
        };
    }
}
