package org.yixing.shared.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The address links are made with (DESIGN.md §4): {@code YIXING_PUBLIC_URL} when set
 * (behind a reverse proxy, the address people use), else the address the current request
 * came to. QR codes and certificates carry it.
 */
@Component
public class PublicAddress {

	private final String publicUrl;

	PublicAddress(@Value("${yixing.public-url:}") String publicUrl) {
		this.publicUrl = publicUrl.strip().replaceAll("/+$", "");
	}

	/** The base, without a trailing slash, e.g. {@code https://yixing.example.edu.cn}. */
	public String base() {
		return this.publicUrl.isEmpty() ? ServletUriComponentsBuilder.fromCurrentContextPath().toUriString()
				: this.publicUrl;
	}

}
