package io.voicepartner.support.personal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/** One key store and one sealer per process, whichever sides it runs. */
@Configuration(proxyBeanMethods = false)
class PersonalDataConfiguration {

    @Bean
    PersonalDataKeys personalDataKeys(JdbcClient jdbc, Environment environment) {
        return new PersonalDataKeys(
                jdbc,
                KeyWrapping.configured(
                        environment.getProperty("voicepartner.personal-data.key", ""),
                        environment.getProperty("voicepartner.personal-data.previous-keys", ""),
                        environment.getProperty("voicepartner.security.production", Boolean.class, false)));
    }

    @Bean
    PersonalData personalData(PersonalDataKeys keys) {
        return new PersonalData(keys);
    }

    @Bean
    InvitationAddresses invitationAddresses(JdbcClient jdbc, PersonalDataKeys keys) {
        return new InvitationAddresses(jdbc, keys);
    }
}
