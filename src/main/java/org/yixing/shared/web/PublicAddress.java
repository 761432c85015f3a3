package org.yixing.shared.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The address links are made with (docs/OPERATIONS.md): {@code YIXING_PUBLIC_URL} when
 * set (behind a reverse proxy, the address people use), else the address the current
 * request came to. QR codes and certificates carry it.
 */
@Component
public class PublicAddress {

	private final String publicUrl;

	PublicAddress(@Value("${yixing.public-url:}") String publicUrl) {
		this.publicUrl = publicUrl.strip().replaceAll("/+$", "");
	}

	/**
	 * Whether the base is this machine's own (localhost, 127.x, ::1): a phone that scans
	 * a QR code carrying it opens nothing, so the pages that show such a code warn.
	 */
	public boolean loopback() {
		String host = java.net.URI.create(base()).getHost();
		return host == null || host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]")
				|| host.equals("::1");
	}

	/** The base, without a trailing slash, e.g. {@code https://yixing.example.edu.cn}. */
	public String base() {
		return this.publicUrl.isEmpty() ? ServletUriComponentsBuilder.fromCurrentContextPath().toUriString()
				: this.publicUrl;
	}

}
