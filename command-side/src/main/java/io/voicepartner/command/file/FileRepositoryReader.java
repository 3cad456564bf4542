package io.voicepartner.command.file;

import io.voicepartner.api.assistant.FrozenFile;
import java.util.Map;
import java.util.Optional;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/** Loads the file aggregate from the event store, inside (and locked for) the caller's unit of work. */
@Component
class FileRepositoryReader implements CurrentFiles {

    private final Repository<File> files;

    FileRepositoryReader(Repository<File> files) {
        this.files = files;
    }

    @Override
    public Optional<FrozenFile> frozen(String fileId, Map<String, Object> assignment) {
        try {
            // a deleted file stays loadable, so that asking to restore it can be answered
            return Optional.ofNullable(
                    files.load(fileId).invoke(file -> file.deleted() ? null : file.frozen(assignment)));
        } catch (AggregateNotFoundException e) {
            return Optional.empty();
        }
    }
}
