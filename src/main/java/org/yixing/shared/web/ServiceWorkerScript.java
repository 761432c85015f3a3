package org.yixing.shared.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.util.DigestUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

/**
 * {@code /sw.js}, the service worker, with each asset it keeps for offline use named by
 * its fingerprinted URL (the names the pages use, {@link StaticAssets}) and its cache
 * named after them all. Browsers look for a new worker on every visit; the script itself
 * is never cached for long.
 */
@PageController
class ServiceWorkerScript {

	private static final Pattern ASSET = Pattern.compile("'(/assets/[^']+)'");

	private final ResourceUrlProvider urls;

	private volatile String script;

	ServiceWorkerScript(ResourceUrlProvider urls) {
		this.urls = urls;
	}

	@GetMapping(path = "/sw.js", produces = "text/javascript")
	ResponseEntity<String> script() throws IOException {
		return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(render());
	}

	private String render() throws IOException {
		String rendered = this.script;
		if (rendered == null) {
			String source = new ClassPathResource("web/sw.js").getContentAsString(StandardCharsets.UTF_8);
			Matcher assets = ASSET.matcher(source);
			StringBuilder out = new StringBuilder();
			while (assets.find()) {
				String url = this.urls.getForLookupPath(assets.group(1));
				assets.appendReplacement(out,
						Matcher.quoteReplacement("'" + ((url != null) ? url : assets.group(1)) + "'"));
			}
			assets.appendTail(out);
			String hash = HexFormat.of()
				.formatHex(DigestUtils.md5Digest(out.toString().getBytes(StandardCharsets.UTF_8)))
				.substring(0, 12);
			rendered = out.toString()
				.replaceFirst("const VERSION = '[^']*';", "const VERSION = 'yixing-" + hash + "';");
			this.script = rendered;
		}
		return rendered;
	}

}
