package io.voicepartner.support.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.micrometer.core.instrument.MeterRegistry;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.support.web.DatabaseUnreachableAnswers;
import io.voicepartner.support.web.ErrorResponses;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Every route needs a valid bearer token except those the sides declare public: a signed-in user's (HS256 signature
 * under the key its {@code kid} names, expiry) or an API key ({@code vp_…}, found in the side's own {@link ApiKeys}).
 * Refusals are answered in the error envelope. Sessions, CSRF and form login do not apply to a token-authenticated
 * JSON API.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({TokenSettings.class, ApiKeySettings.class})
class BearerTokenSecurity {

    /** About 3 MiB of tokens: more than the distinct clients of one instance within a token's lifetime. */
    private static final int VERIFIED_TOKENS_REMEMBERED = 10_000;

    private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

    private static final List<String> OPERATIONS = List.of(
            "/health",
            "/docs",
            "/docs/**",
            "/swagger-ui/**",
            "/v3/api-docs/**",
            "/openapi.json",
            "/openapi.json/**",
            "/schema",
            "/error",
            "/actuator/health/**",
            "/actuator/prometheus",
            "/actuator/schema",
            "/livez",
            "/readyz");

    /**
     * No observation of each security filter, authentication and authorization: the requests' own
     * ({@code http_server_requests_seconds}) stay. Spring Security wraps every filter of the chain in an observation
     * when a registry exists, which cost a create's request thread about a twentieth of its CPU for metrics nobody
     * reads (BENCHMARKS.md, issue 23).
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityFilterChain apiSecurity(
            HttpSecurity http,
            ObjectProvider<PublicEndpoints> publicEndpoints,
            ErrorResponses errors,
            TokenAuthentication tokens)
            throws Exception {
        AuthenticationManager apiKeyManager = tokens.apiKeyManager();
        http.addFilterBefore(new DatabaseUnreachableAnswers(errors), BearerTokenAuthenticationFilter.class)
                .cors(cors -> {})
                .csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers(paths(HttpMethod.GET, OPERATIONS)).permitAll();
                    publicEndpoints
                            .orderedStream()
                            .forEach(endpoints -> requests.requestMatchers(
                                            paths(endpoints.method(), endpoints.patterns()))
                                    .permitAll());
                    requests.anyRequest().authenticated();
                })
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .authenticationManagerResolver(request -> ApiKeyAuthenticator.presentedBy(request)
                                ? apiKeyManager
                                : tokens.userManagerFor(request))
                        .authenticationEntryPoint((request, response, e) ->
                                errors.write(response, ErrorCode.UNAUTHORIZED, "A valid bearer token is required.")))
                .exceptionHandling(handling -> handling.authenticationEntryPoint((request, response, e) ->
                                errors.write(response, ErrorCode.UNAUTHORIZED, "A valid bearer token is required."))
                        .accessDeniedHandler((request, response, e) ->
                                errors.write(response, ErrorCode.NOT_FOUND, "No such route.")));
        return http.build();
    }

    /**
     * The patterns matched on the request's path, parsed as Spring MVC parses its own mappings' (the default
     * {@code PathPatternParser}), for {@code method} or any method when {@code null}. Not Spring Security's default for
     * an application with Spring MVC ({@code MvcRequestMatcher}), which asks Spring MVC which handler the request
     * reaches: that needs the handler looked up once more per request (see {@link SingleHandlerLookup}).
     */
    private static RequestMatcher[] paths(HttpMethod method, List<String> patterns) {
        return patterns.stream().map(pattern -> PATHS.matcher(method, pattern)).toArray(RequestMatcher[]::new);
    }

    /**
     * Spring Security's default firewall, with its header checks made without regular expressions
     * ({@link HeaderCharacters}): the same characters allowed and refused.
     */
    @Bean
    HttpFirewall firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderCharacters::allowedName);
        firewall.setAllowedHeaderValues(HeaderCharacters::allowedValue);
        return firewall;
    }

    /** Spring Security's filter chain without a Spring MVC handler lookup of its own: see {@link SingleHandlerLookup}. */
    @Bean
    static BeanFactoryPostProcessor singleHandlerLookup() {
        return new SingleHandlerLookup();
    }

    /**
     * An API key is checked by its own provider alone; any other bearer token is a user's JWT. No {@code JwtDecoder}
     * is a bean: one that verifies a token without its revocation must not be found by anything else.
     */
    @Bean
    TokenAuthentication tokenAuthentication(
            TokenSettings tokenSettings,
            RevokedTokens revokedTokens,
            ApiKeys apiKeys,
            ApiKeySecrets apiKeySecrets,
            ApiKeyUses apiKeyUses,
            MeterRegistry meters) {
        return new TokenAuthentication(
                new ProviderManager(
                        new ApiKeyAuthenticator(apiKeys, apiKeySecrets, apiKeyUses, meters, Clock.systemUTC())),
                new UserTokenAuthentication(
                        new JwtAuthenticationProvider(verifiedTokens(tokenSettings)), revokedTokens));
    }

    @Bean
    ApiKeySecrets apiKeySecrets(ApiKeySettings settings) {
        return new ApiKeySecrets(settings);
    }

    @Bean
    ApiKeyUses apiKeyUses(ApiKeySettings settings, KafkaTemplate<String, byte[]> kafka, ObjectMapper json) {
        return new ApiKeyUses(settings, kafka, json);
    }

    /**
     * The frontend is served from its own origin ({@code CORS_ALLOWED_ORIGINS}, comma-separated). Tokens
     * travel in the Authorization header, never in cookies, so credentials mode stays off.
     */
    @Bean
    CorsConfigurationSource corsConfigurationSource(
            @Value("${voicepartner.web.cors-allowed-origins}") List<String> origins) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(origins);
        cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of(
                "Authorization",
                "Content-Type",
                "If-Match",
                "If-None-Match",
                "Idempotency-Key",
                "X-Request-Id",
                OrganizationAccess.ORGANIZATION_HEADER));
        cors.setExposedHeaders(List.of("ETag", "Location", "Retry-After", "X-Request-Id", "Idempotent-Replayed"));
        cors.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }

    /**
     * HS256 only, and the key is the one the token's {@code kid} names among the current and the previous key: a
     * token without a {@code kid}, or naming a key not configured, finds no key and is refused. Its revocation is
     * {@link UserTokenAuthentication}'s to check.
     */
    static JwtDecoder verifiedTokens(TokenSettings settings) {
        Map<String, SecretKey> keys = new HashMap<>();
        settings.verificationKeys().forEach((id, key) -> keys.put(id, new SecretKeySpec(key.bytes(), "HmacSHA256")));
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector((header, context) -> {
            SecretKey key = header.getKeyID() == null ? null : keys.get(header.getKeyID());
            return JWSAlgorithm.HS256.equals(header.getAlgorithm()) && key != null ? List.of(key) : List.of();
        });
        // the claims are checked by the validators below, as Spring Security does for its own decoders
        processor.setJWTClaimsSetVerifier((claims, context) -> {});
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        JwtTimestampValidator times = new JwtTimestampValidator(Duration.ofSeconds(5));
        // a token without an expiry or a subject is never one we issued
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                times,
                jwt -> jwt.getExpiresAt() == null || jwt.getSubject() == null
                        ? OAuth2TokenValidatorResult.failure(
                                new OAuth2Error("invalid_token", "exp and sub are required", null))
                        : OAuth2TokenValidatorResult.success()));
        // checked on every use, remembered or not: a token that expired since it was verified is refused
        return new VerifiedTokens(decoder, times, VERIFIED_TOKENS_REMEMBERED);
    }
}
