package io.voicepartner.query.live;

import io.voicepartner.support.security.Memberships;
import io.voicepartner.support.security.OrganizationAccess;
import io.voicepartner.support.security.PublicEndpoints;
import io.voicepartner.support.security.TokenAuthentication;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * The WebSocket at {@code /api/live}. Its upgrade request is let through without a token, since a browser cannot send
 * one as a header: the socket then authenticates its first message ({@link LiveWebSocket}). Origins are those the
 * frontend is served from ({@code CORS_ALLOWED_ORIGINS}); no cookie ever authenticates it.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@EnableConfigurationProperties(LiveSettings.class)
class LiveConfiguration implements WebSocketConfigurer {

    static final String PATH = "/api/live";

    private final LiveWebSocket socket;
    private final List<String> origins;

    LiveConfiguration(
            LiveFeed live,
            LiveMessages messages,
            TokenAuthentication tokens,
            Memberships memberships,
            LiveSettings settings,
            @Value("${voicepartner.web.cors-allowed-origins}") List<String> origins) {
        this.socket = new LiveWebSocket(live, messages, tokens, new OrganizationAccess(memberships), settings);
        this.origins = origins;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(socket, PATH)
                .addInterceptors(new LiveHandshake())
                .setAllowedOrigins(origins.toArray(String[]::new));
    }

    @Bean
    PublicEndpoints liveUpgrade() {
        return new PublicEndpoints(HttpMethod.GET, List.of(PATH));
    }
}
