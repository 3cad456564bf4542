package io.voicepartner.launcher;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Records the SQL the platform prepares while a test records it, so that the test can count the statements
 * behind a request. Nothing is kept otherwise: the platform prepares some hundred thousand statements in a run,
 * which a log kept all along (a copy-on-write list, copied whole at each statement) made quadratic.
 */
@TestConfiguration(proxyBeanMethods = false)
class StatementLog {

    /** What is being recorded, or null; the tests run one after another, so one recording at a time. */
    private static volatile Queue<String> recording;

    /** Records the statements prepared from now until the recording is closed. */
    static Recording record() {
        Recording started = new Recording(new ConcurrentLinkedQueue<>());
        recording = started.prepared();
        return started;
    }

    record Recording(Queue<String> prepared) implements AutoCloseable {

        List<String> matching(String fragment) {
            return prepared.stream().filter(sql -> sql.contains(fragment)).toList();
        }

        @Override
        public void close() {
            recording = null;
        }
    }

    @Bean
    static BeanPostProcessor recordPreparedStatements() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof DataSource dataSource ? recording(dataSource) : bean;
            }
        };
    }

    private static DataSource recording(DataSource dataSource) {
        return (DataSource) Proxy.newProxyInstance(
                StatementLog.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(dataSource, method, args);
                    return result instanceof Connection connection ? recording(connection) : result;
                });
    }

    private static Connection recording(Connection connection) {
        return (Connection) Proxy.newProxyInstance(
                StatementLog.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    Queue<String> current = recording;
                    if (current != null
                            && method.getName().equals("prepareStatement")
                            && args != null
                            && args[0] instanceof String sql) {
                        current.add(sql);
                    }
                    return invoke(connection, method, args);
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args == null ? new Object[0] : args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
