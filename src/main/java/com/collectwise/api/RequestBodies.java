package com.collectwise.api;

import java.util.List;

import org.springframework.validation.BindingResult;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;
import org.springframework.validation.Validator;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

/**
 * Joins the problems found while a request record was read ({@link JsonFields}: a date that is none, text where a
 * number belongs) to those Bean Validation finds in it, so that {@code @Valid} fails with all of them at once and
 * {@link ApiExceptionHandler} answers one 400 listing every bad field.
 */
@ControllerAdvice(basePackages = "com.collectwise")
public class RequestBodies {

    /** The error code of a value that could not be read; such a problem wins over "is required" for its field. */
    static final String UNREADABLE = "unreadable";

    @InitBinder
    void joinReadingProblems(WebDataBinder binder, WebRequest request) {
        Object target = binder.getTarget();
        if (target != null && JsonFields.isRequestRecord(target.getClass())) {
            binder.initDirectFieldAccess(); // records have no getters
            binder.addValidators(new ReadingProblems(request));
        }
    }

    private record ReadingProblems(WebRequest request) implements Validator {

        @Override
        public boolean supports(Class<?> type) {
            return JsonFields.isRequestRecord(type);
        }

        @Override
        public void validate(Object target, Errors errors) {
            Object problems = request.getAttribute(RequestJsonConfiguration.PROBLEMS_ATTRIBUTE,
                RequestAttributes.SCOPE_REQUEST);
            if (problems instanceof List<?> list && errors instanceof BindingResult result) {
                for (Object item : list) {
                    FieldProblem problem = (FieldProblem) item;
                    result.addError(new FieldError(errors.getObjectName(), problem.field(), null, false,
                        new String[] {UNREADABLE}, null, problem.message()));
                }
            }
        }
    }
}
