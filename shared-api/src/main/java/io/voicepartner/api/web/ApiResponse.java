package io.voicepartner.api.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The success envelope: {@code {"success": true, "data": ..., "meta": ...}}; {@code meta} only on lists. */
public record ApiResponse<T>(
        boolean success,
        T data,
        @JsonInclude(JsonInclude.Include.NON_NULL) PageMeta meta) {

    public static <T> ApiResponse<T> of(T data) {
        return new ApiResponse<>(true, data, null);
    }

    public static <T> ApiResponse<T> page(T data, PageMeta meta) {
        return new ApiResponse<>(true, data, meta);
    }
}
