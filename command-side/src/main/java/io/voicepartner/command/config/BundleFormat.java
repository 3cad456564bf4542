package io.voicepartner.command.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.support.web.ApiException;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * JSON or YAML, read and written by Jackson (YAML through {@code jackson-dataformat-yaml}, SnakeYAML underneath): one
 * tree model, so that a bundle means the same in either.
 */
final class BundleFormat {

    static final BundleFormat JSON = new BundleFormat("JSON", MediaType.APPLICATION_JSON, new ObjectMapper());
    static final BundleFormat YAML = new BundleFormat(
            "YAML",
            MediaType.parseMediaType("application/yaml"),
            new ObjectMapper(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    // a phone number or a ref of digits stays a string for every YAML reader
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .build()));

    static final String YAML_TYPE = "application/yaml";
    /** Other names YAML goes by, taken as well. */
    static final List<String> YAML_ALIASES = List.of("application/x-yaml", "text/yaml", "text/x-yaml");

    private final String name;
    private final MediaType mediaType;
    private final ObjectMapper mapper;

    private BundleFormat(String name, MediaType mediaType, ObjectMapper mapper) {
        this.name = name;
        this.mediaType = mediaType;
        this.mapper = mapper.enable(SerializationFeature.INDENT_OUTPUT);
    }

    MediaType mediaType() {
        return mediaType;
    }

    /** The format a {@code Content-Type} names: YAML for YAML's names, else JSON. */
    static BundleFormat ofContent(String contentType) {
        try {
            return contentType != null && isYaml(MediaType.parseMediaType(contentType)) ? YAML : JSON;
        } catch (InvalidMediaTypeException e) {
            // the route's consumes already refused what is no media type
            return JSON;
        }
    }

    /** The first format the {@code Accept} header takes, JSON when it takes anything. */
    static BundleFormat ofAccept(String accept) {
        if (accept == null || accept.isBlank()) {
            return JSON;
        }
        List<MediaType> accepted;
        try {
            accepted = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            throw new ApiException(ErrorCode.NOT_ACCEPTABLE, "The Accept header is not a list of media types.");
        }
        // by the client's preference; equally preferred ones in the order given
        accepted = accepted.stream()
                .sorted(Comparator.comparingDouble(MediaType::getQualityValue).reversed())
                .toList();
        for (MediaType type : accepted) {
            if (isYaml(type)) {
                return YAML;
            }
            if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
                return JSON;
            }
        }
        throw new ApiException(
                ErrorCode.NOT_ACCEPTABLE, "The bundle is served as application/json or application/yaml.");
    }

    private static boolean isYaml(MediaType type) {
        String essence = type.getType() + "/" + type.getSubtype();
        return essence.equals(YAML_TYPE) || YAML_ALIASES.contains(essence);
    }

    /** @throws ApiException {@code 400 malformed_json} naming where the text stops being JSON or YAML */
    JsonNode read(byte[] body) {
        try {
            // bytes, not a String: Jackson reads UTF-8 whatever charset a YAML content type names or omits
            JsonNode tree = mapper.readTree(body == null ? new byte[0] : body);
            if (tree == null || tree.isMissingNode() || !tree.isObject()) {
                throw new ApiException(ErrorCode.MALFORMED_JSON, "The request body must be a " + name + " object.");
            }
            return tree;
        } catch (IOException e) {
            String where = e instanceof JsonProcessingException parsing && parsing.getLocation() != null
                    ? " at line " + parsing.getLocation().getLineNr() + ", column "
                            + parsing.getLocation().getColumnNr()
                    : "";
            throw new ApiException(ErrorCode.MALFORMED_JSON, "The request body is not valid " + name + where + ".");
        }
    }

    String write(JsonNode tree) {
        try {
            return mapper.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A bundle could not be written as " + name, e);
        }
    }
}
