package org.yixing.reporting;

import java.util.List;
import java.util.Locale;

import org.springframework.web.util.HtmlUtils;

/**
 * Bar charts drawn on the server as SVG: no script runs in the console for them (the
 * pages' CSP allows none inline), they print, and they render before any asset loads.
 * Each chart carries a title for screen readers; the pages show the figures as a table
 * too.
 */
final class SvgCharts {

	private static final String CREDIT = "#17803d";

	private static final String HONOR = "#c27c00";

	private SvgCharts() {
	}

	/**
	 * One stacked bar (credit below, honor above) per month, in hours, with a legend of
	 * the two labels given (in the page's language).
	 */
	static String months(String title, String creditLabel, String honorLabel, List<Bar> bars) {
		int width = 520;
		int height = 240;
		int left = 44;
		int bottom = 28;
		int top = 24;
		double max = Math.max(1, bars.stream().mapToDouble((b) -> b.first() + b.second()).max().orElse(1));
		double step = niceStep(max / 4);
		double scaleMax = Math.ceil(max / step) * step;
		double plot = height - top - bottom;
		StringBuilder svg = open(title, width, height);
		for (int i = 0; i <= Math.round(scaleMax / step); i++) {
			double value = i * step;
			double y = top + plot - value / scaleMax * plot;
			svg.append(String
				.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e3e7e4\"/>"
						+ "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\" fill=\"#5f6b63\">%s</text>",
						left, width - 8, y, y, left - 6, y + 4, number(value)));
		}
		double slot = (double) (width - left - 8) / Math.max(1, bars.size());
		double barWidth = Math.min(36, slot * 0.6);
		for (int i = 0; i < bars.size(); i++) {
			Bar bar = bars.get(i);
			double x = left + i * slot + (slot - barWidth) / 2;
			double creditHeight = bar.first() / scaleMax * plot;
			double honorHeight = bar.second() / scaleMax * plot;
			double base = top + plot;
			svg.append(String.format(Locale.ROOT,
					"<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s</title></rect>",
					x, base - creditHeight, barWidth, creditHeight, CREDIT,
					escape(bar.label() + " " + creditLabel + " " + number(bar.first()))));
			svg.append(String.format(Locale.ROOT,
					"<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s</title></rect>",
					x, base - creditHeight - honorHeight, barWidth, honorHeight, HONOR,
					escape(bar.label() + " " + honorLabel + " " + number(bar.second()))));
			if (bar.note() != null) {
				svg.append(String.format(Locale.ROOT,
						"<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"middle\" fill=\"#5f6b63\">%s</text>",
						x + barWidth / 2, base - creditHeight - honorHeight - 4, escape(bar.note())));
			}
			svg.append(String.format(Locale.ROOT,
					"<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" fill=\"#1d2b22\">%s</text>",
					x + barWidth / 2, height - 10, escape(bar.label())));
		}
		legend(svg, left, 14, creditLabel, honorLabel);
		return svg.append("</svg>").toString();
	}

	/** One horizontal bar per group (a college), longest first as given. */
	static String horizontal(String title, List<Bar> bars) {
		int width = 520;
		int row = 26;
		int labelWidth = 180;
		int height = Math.max(1, bars.size()) * row + 12;
		double max = Math.max(1, bars.stream().mapToDouble(Bar::first).max().orElse(1));
		StringBuilder svg = open(title, width, height);
		for (int i = 0; i < bars.size(); i++) {
			Bar bar = bars.get(i);
			double y = 6 + i * row;
			double length = bar.first() / max * (width - labelWidth - 60);
			svg.append(String.format(Locale.ROOT,
					"<text x=\"%d\" y=\"%.1f\" font-size=\"12\" text-anchor=\"end\" fill=\"#1d2b22\">%s</text>"
							+ "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"16\" rx=\"2\" fill=\"%s\"/>"
							+ "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" fill=\"#1d2b22\">%s</text>",
					labelWidth - 8, y + 13, escape(shorten(bar.label(), 14)), labelWidth, y, length, CREDIT,
					labelWidth + length + 6, y + 13, number(bar.first())));
		}
		return svg.append("</svg>").toString();
	}

	private static StringBuilder open(String title, int width, int height) {
		return new StringBuilder().append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ")
			.append(width)
			.append(' ')
			.append(height)
			.append("\" role=\"img\" aria-label=\"")
			.append(escape(title))
			.append("\"><title>")
			.append(escape(title))
			.append("</title>");
	}

	private static void legend(StringBuilder svg, int x, int y, String creditLabel, String honorLabel) {
		svg.append(String.format(Locale.ROOT,
				"<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
						+ "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#1d2b22\">%s</text>"
						+ "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
						+ "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#1d2b22\">%s</text>",
				x, y - 9, CREDIT, x + 14, y, escape(creditLabel), x + 130, y - 9, HONOR, x + 144, y,
				escape(honorLabel)));
	}

	/** 1, 2 or 5 times a power of ten. */
	static double niceStep(double raw) {
		double power = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-9))));
		for (double m : new double[] { 1, 2, 5, 10 }) {
			if (m * power >= raw) {
				return m * power;
			}
		}
		return 10 * power;
	}

	private static String number(double value) {
		return (value == Math.rint(value)) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
	}

	private static String shorten(String text, int max) {
		return (text.codePointCount(0, text.length()) <= max) ? text
				: text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
	}

	private static String escape(String text) {
		return HtmlUtils.htmlEscape(text, "UTF-8");
	}

	/**
	 * @param first credit hours, or the only value
	 * @param second honor hours (0 for a single value)
	 * @param note printed above the bar, e.g. the volunteers that month
	 */
	record Bar(String label, double first, double second, @org.jspecify.annotations.Nullable String note) {
	}

}
