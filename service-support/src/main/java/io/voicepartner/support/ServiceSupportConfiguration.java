package io.voicepartner.support;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/**
 * What each side imports to speak the platform's HTTP dialect. Its property file holds the local
 * defaults; environment variables and application properties override them.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@PropertySource("classpath:service-support.properties")
public class ServiceSupportConfiguration {}
