package org.yixing.shared;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import org.jspecify.annotations.Nullable;

/**
 * Lets an idle server give memory back (issue 25). G1 grows the heap while start-up
 * allocates and, by default, keeps it committed until some later collection happens to
 * shrink it: a server idling after start held some 550 MB of heap with 50 MB in use. Set
 * before anything else, for the JVM's own collector and only where the operator has not
 * chosen otherwise (a {@code -XX} option on the command line wins):
 * <ul>
 * <li>{@code G1PeriodicGCInterval}: when no collection has run for 10 s, G1 runs a
 * concurrent cycle of its own, whose remark shrinks the heap (JEP 346). Under load
 * collections come more often than that, so this costs nothing there;</li>
 * <li>while the server is idle, {@code MaxHeapFreeRatio} 30 and {@code MinHeapFreeRatio}
 * 10: what a shrink keeps free, as for containers. At work ({@link #atWork()}) the JVM's
 * own ratios come back: with 30 % the heap was shrunk at every remark to some 100 MB
 * around 60 MB of live data, so that G1 started a concurrent cycle after nearly every
 * young collection, with remark pauses of 10–90 ms (docs/PERFORMANCE.md).</li>
 * </ul>
 * All three are "manageable" options of HotSpot, meant to be changed at run time.
 */
public final class IdleFootprint {

	static final Map<String, String> SETTINGS = settings();

	static final String MIN_FREE = "MinHeapFreeRatio";

	static final String MAX_FREE = "MaxHeapFreeRatio";

	/**
	 * The JVM's own ratios, when this class took them over; else none. Read and written
	 * under the class's lock, as the idle flag is.
	 */
	private static @Nullable Ratios ownRatios;

	private static boolean idle = true;

	private IdleFootprint() {
	}

	private static Map<String, String> settings() {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("G1PeriodicGCInterval", "10000");
		// MinHeapFreeRatio must not exceed MaxHeapFreeRatio at any moment: lower first
		settings.put(MIN_FREE, "10");
		settings.put(MAX_FREE, "30");
		return settings;
	}

	/**
	 * Applies the settings the operator left at their defaults.
	 * @return what was set, by option name
	 */
	public static synchronized Map<String, String> apply() {
		Map<String, String> applied = new LinkedHashMap<>();
		HotSpotDiagnosticMXBean hotspot = hotspot();
		if (hotspot == null || !"true".equals(value(hotspot, "UseG1GC"))) {
			return applied;
		}
		Ratios defaults = new Ratios(value(hotspot, MIN_FREE), value(hotspot, MAX_FREE));
		for (Map.Entry<String, String> setting : SETTINGS.entrySet()) {
			try {
				VMOption option = hotspot.getVMOption(setting.getKey());
				if (option.getOrigin() == VMOption.Origin.DEFAULT && option.isWriteable()) {
					hotspot.setVMOption(setting.getKey(), setting.getValue());
					applied.put(setting.getKey(), setting.getValue());
				}
			}
			catch (IllegalArgumentException ex) {
				// an option this JVM does not have, or a value it refuses: keep its own
			}
		}
		if (applied.containsKey(MIN_FREE) && applied.containsKey(MAX_FREE)) {
			ownRatios = defaults;
			idle = true;
		}
		return applied;
	}

	/**
	 * The server is working: the JVM's own free ratios, so that the heap keeps the room
	 * the load needs. Nothing when the operator set the ratios.
	 */
	public static synchronized void atWork() {
		Ratios defaults = ownRatios;
		if (defaults != null && idle) {
			// MaxHeapFreeRatio first: the minimum may never exceed it
			set(MAX_FREE, defaults.max());
			set(MIN_FREE, defaults.min());
			idle = false;
		}
	}

	/** The server is idle: the tight ratios again, for the next periodic collection. */
	public static synchronized void idle() {
		Ratios defaults = ownRatios;
		if (defaults != null && !idle) {
			set(MIN_FREE, SETTINGS.get(MIN_FREE));
			set(MAX_FREE, SETTINGS.get(MAX_FREE));
			idle = true;
		}
	}

	private static void set(String name, String value) {
		HotSpotDiagnosticMXBean hotspot = hotspot();
		if (hotspot != null) {
			hotspot.setVMOption(name, value);
		}
	}

	private static @Nullable HotSpotDiagnosticMXBean hotspot() {
		return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
	}

	private record Ratios(String min, String max) {
	}

	/**
	 * Hands the memory native code has freed back to the operating system
	 * ({@link LibC#mallocTrim()}). ONNX Runtime reads, parses and optimizes a model in
	 * memory it frees once the session exists, and glibc kept some 30–60 MB of it.
	 * Nothing happens on another C library or an older JDK.
	 * @return whether memory was given back
	 */
	public static boolean releaseFreedNativeMemory() {
		return LibC.mallocTrim();
	}

	private static String value(HotSpotDiagnosticMXBean hotspot, String name) {
		try {
			return hotspot.getVMOption(name).getValue();
		}
		catch (IllegalArgumentException ex) {
			return "";
		}
	}

}
