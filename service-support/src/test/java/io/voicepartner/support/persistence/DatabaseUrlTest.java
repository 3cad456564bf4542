package io.voicepartner.support.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code DATABASE_URL} as the README promises it: a JDBC URL, or the {@code postgresql://} form hosts hand out. */
class DatabaseUrlTest {

    @Test
    void aJdbcUrlIsTakenAsItIs() {
        assertThat(DatabaseUrl.parse(" jdbc:postgresql://db:5433/app?sslmode=require "))
                .isEqualTo(new DatabaseUrl(
                        "jdbc:postgresql://db:5433/app?sslmode=require", Optional.empty(), Optional.empty()));
    }

    @Test
    void thePostgresqlFormBecomesAJdbcUrlWithItsCredentialsApart() {
        assertThat(DatabaseUrl.parse("postgresql://app:s3cret@db.internal:6543/voicepartner?sslmode=require"))
                .isEqualTo(new DatabaseUrl(
                        "jdbc:postgresql://db.internal:6543/voicepartner?sslmode=require",
                        Optional.of("app"),
                        Optional.of("s3cret")));
    }

    @Test
    void theShortPostgresSchemeIsTheSame() {
        assertThat(DatabaseUrl.parse("postgres://app@db/voicepartner"))
                .isEqualTo(new DatabaseUrl(
                        "jdbc:postgresql://db:5432/voicepartner", Optional.of("app"), Optional.empty()));
    }

    @Test
    void escapedCharactersInTheCredentialsAndNameAreDecoded() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://app%40corp:p%3Ass%2Fw%40rd@db:5432/my%20db");

        assertThat(url.username()).hasValue("app@corp");
        assertThat(url.password()).hasValue("p:ss/w@rd");
        assertThat(url.databaseName()).isEqualTo("my db");
    }

    @Test
    void withoutADatabaseNameItIsTheServersDefault() {
        assertThat(DatabaseUrl.parse("postgresql://db").jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/postgres");
    }

    @Test
    void theMaintenanceDatabaseIsTheSameServersPostgresKeepingTheParameters() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://db:5433/voicepartner?sslmode=require");

        assertThat(url.databaseName()).isEqualTo("voicepartner");
        assertThat(url.maintenanceJdbcUrl()).isEqualTo("jdbc:postgresql://db:5433/postgres?sslmode=require");
    }

    @Test
    void anythingElseIsRefusedSayingWhatIsExpected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DatabaseUrl.parse("mysql://db/app"))
                .withMessageContaining("postgresql://user:pass@host:port/db");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DatabaseUrl.parse("postgresql:///app"))
                .withMessage("DATABASE_URL has no host");
    }
}
