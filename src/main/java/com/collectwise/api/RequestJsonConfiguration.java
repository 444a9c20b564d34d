package com.collectwise.api;

import java.util.ArrayList;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * Request bodies are read into request records ({@code @Valid @RequestBody InvoiceRequest request}) by the
 * application's ObjectMapper with the {@link JsonFields} module; a record is read leniently (every bad value becomes a
 * {@link FieldProblem}, see {@link RequestBodies}), anything else with Jackson's defaults.
 */
@Configuration(proxyBeanMethods = false)
public class RequestJsonConfiguration {

    /** Request attribute: the problems found while the body was read, for {@link RequestBodies}. */
    static final String PROBLEMS_ATTRIBUTE = JsonFields.class.getName() + ".problems";

    @Bean
    JsonFields requestFieldsModule() {
        return new JsonFields();
    }

    /** Replaces Spring Boot's converter of the same type (it backs off). */
    @Bean
    MappingJackson2HttpMessageConverter mappingJackson2HttpMessageConverter(ObjectMapper objectMapper) {
        return new MappingJackson2HttpMessageConverter(objectMapper) {
            @Override
            protected ObjectReader customizeReader(ObjectReader reader, JavaType javaType) {
                RequestAttributes request = RequestContextHolder.getRequestAttributes();
                if (request == null || !JsonFields.isRequestRecord(javaType.getRawClass())) {
                    return reader;
                }
                List<FieldProblem> problems = new ArrayList<>();
                request.setAttribute(PROBLEMS_ATTRIBUTE, problems, RequestAttributes.SCOPE_REQUEST);
                return reader.withAttribute(JsonFields.PROBLEMS, problems);
            }
        };
    }
}
