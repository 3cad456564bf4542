package io.voicepartner.command.phonenumber;

import io.voicepartner.command.web.DocumentedWrites;
import io.voicepartner.command.web.DocumentedWrites.Route;
import io.voicepartner.support.docs.DocumentedSchemas;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/** The phone-number write routes as the API document shows them. */
@Configuration(proxyBeanMethods = false)
class PhoneNumberDocumentation {

    @Bean
    DocumentedWrites phoneNumberWrites() {
        return new DocumentedWrites(List.of(
                new Route(
                        HttpMethod.POST,
                        "/api/phone-numbers",
                        PhoneNumberRequest.class,
                        "PhoneNumberView",
                        HttpStatus.CREATED,
                        """
                        {"phone_number": "+49 30 1234567", "friendly_name": "Front desk Berlin",
                         "provider": "twilio", "monthly_price": "1.15", "currency": "EUR"}
                        """),
                new Route(
                        HttpMethod.PUT,
                        "/api/phone-numbers/{id}",
                        PhoneNumberRequest.class,
                        "PhoneNumberView",
                        HttpStatus.OK),
                new Route(
                        HttpMethod.PATCH,
                        "/api/phone-numbers/{id}",
                        PhoneNumberRequest.class,
                        "PhoneNumberView",
                        HttpStatus.OK),
                new Route(HttpMethod.DELETE, "/api/phone-numbers/{id}", null, null, HttpStatus.OK),
                new Route(HttpMethod.POST, "/api/phone-numbers/{id}/restore", null, "PhoneNumberView", HttpStatus.OK)));
    }

    /** A usage report's item, read by hand from one object or an array of them (UsageBatches). */
    @Bean
    DocumentedSchemas phoneNumberUsageReports() {
        return new DocumentedSchemas(List.of(CallRequest.class));
    }
}
