package io.voicepartner.launcher;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the SQL the platform prepares, so that a test can count the statements behind a request. */
@TestConfiguration(proxyBeanMethods = false)
class StatementLog {

    static final List<String> PREPARED = new CopyOnWriteArrayList<>();

    static List<String> matching(String fragment) {
        return PREPARED.stream().filter(sql -> sql.contains(fragment)).toList();
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
        return (DataSource) Proxy.newProxyInstance(StatementLog.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(dataSource, method, args);
                    return result instanceof Connection connection ? recording(connection) : result;
                });
    }

    private static Connection recording(Connection connection) {
        return (Connection) Proxy.newProxyInstance(StatementLog.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement") && args != null && args[0] instanceof String sql) {
                        PREPARED.add(sql);
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

    static void clear() {
        PREPARED.clear();
    }
}
