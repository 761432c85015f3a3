package org.yixing.shared;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * A broken rule, carrying its docs/RULES.md code, the arguments of its user message and
 * any extra problem members (e.g. {@code distanceMeters}).
 */
public class DomainException extends RuntimeException {

	private final ErrorCode code;

	private final Object[] messageArguments;

	private final Map<String, Object> properties = new LinkedHashMap<>();

	public DomainException(ErrorCode code, Object... messageArguments) {
		super(code.name());
		this.code = code;
		this.messageArguments = messageArguments;
	}

	public DomainException with(String property, Object value) {
		this.properties.put(property, value);
		return this;
	}

	/**
	 * A field that breaks a rule: {@code VALIDATION_FAILED} with {@code errors.<field>}
	 * set to the message under {@code messageKey} in the request's locale.
	 */
	public static DomainException invalidField(String field, String messageKey) {
		return new DomainException(ErrorCode.VALIDATION_FAILED).with("errors",
				Map.of(field, new DefaultMessageSourceResolvable(new String[] { messageKey }, messageKey)));
	}

	public ErrorCode code() {
		return this.code;
	}

	public Object[] messageArguments() {
		return this.messageArguments.clone();
	}

	public Map<String, Object> properties() {
		return Map.copyOf(this.properties);
	}

}
