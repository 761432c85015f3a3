package org.yixing.sms;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SmsCodeController {

	private final SmsCodes codes;

	SmsCodeController(SmsCodes codes) {
		this.codes = codes;
	}

	@PostMapping("/api/v1/sms-codes")
	@ResponseStatus(HttpStatus.ACCEPTED)
	SmsCodes.CodeSent send(@Valid @RequestBody SendCode request) {
		return this.codes.send(request.phone(), request.purpose());
	}

	record SendCode(@NotBlank String phone, @NotNull SmsPurpose purpose) {
	}

}
