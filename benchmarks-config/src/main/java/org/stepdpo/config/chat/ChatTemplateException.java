package org.stepdpo.config.chat;

/**
 * A chat template that cannot be found, read or rendered. Its message is one line that names the template's
 * file (or model folder), so a command can show it as it is.
 */
public class ChatTemplateException extends IllegalArgumentException {

    public ChatTemplateException(String message) {
        super(message);
    }

    public ChatTemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
