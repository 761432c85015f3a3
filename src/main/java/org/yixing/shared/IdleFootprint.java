package org.yixing.shared;

import java.lang.invoke.MethodHandle;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Array;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;

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
 * <li>{@code MaxHeapFreeRatio} 30 and {@code MinHeapFreeRatio} 10: what a shrink keeps
 * free, as for containers. G1 still grows the heap as its pause-time goal needs.</li>
 * </ul>
 * All three are "manageable" options of HotSpot, meant to be changed at run time.
 */
public final class IdleFootprint {

	static final Map<String, String> SETTINGS = settings();

	private IdleFootprint() {
	}

	private static Map<String, String> settings() {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("G1PeriodicGCInterval", "10000");
		// MinHeapFreeRatio must not exceed MaxHeapFreeRatio at any moment: lower first
		settings.put("MinHeapFreeRatio", "10");
		settings.put("MaxHeapFreeRatio", "30");
		return settings;
	}

	/**
	 * Applies the settings the operator left at their defaults.
	 * @return what was set, by option name
	 */
	public static Map<String, String> apply() {
		Map<String, String> applied = new LinkedHashMap<>();
		HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
		if (hotspot == null || !"true".equals(value(hotspot, "UseG1GC"))) {
			return applied;
		}
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
		return applied;
	}

	/**
	 * Hands the memory native code has freed back to the operating system
	 * ({@code malloc_trim(0)} of glibc, through the JDK 22+ foreign function API, reached
	 * reflectively since the code is compiled for Java 21). ONNX Runtime reads, parses
	 * and optimizes a model in memory it frees once the session exists, and glibc kept
	 * some 30–60 MB of it. Nothing happens on another C library or an older JDK.
	 * @return whether memory was given back
	 */
	public static boolean releaseFreedNativeMemory() {
		if (Runtime.version().feature() < 22 || !System.getProperty("os.name", "").startsWith("Linux")) {
			return false;
		}
		try {
			Class<?> linkerType = Class.forName("java.lang.foreign.Linker");
			Class<?> layoutType = Class.forName("java.lang.foreign.MemoryLayout");
			Class<?> valueLayout = Class.forName("java.lang.foreign.ValueLayout");
			Class<?> descriptorType = Class.forName("java.lang.foreign.FunctionDescriptor");
			Class<?> optionType = Class.forName("java.lang.foreign.Linker$Option");
			Object linker = linkerType.getMethod("nativeLinker").invoke(null);
			Object lookup = linkerType.getMethod("defaultLookup").invoke(linker);
			Optional<?> trim = (Optional<?>) Class.forName("java.lang.foreign.SymbolLookup")
				.getMethod("find", String.class)
				.invoke(lookup, "malloc_trim");
			if (trim.isEmpty()) {
				return false;
			}
			Object[] arguments = (Object[]) Array.newInstance(layoutType, 1);
			arguments[0] = valueLayout.getField("JAVA_LONG").get(null);
			Object descriptor = descriptorType.getMethod("of", layoutType, arguments.getClass())
				.invoke(null, valueLayout.getField("JAVA_INT").get(null), arguments);
			MethodHandle call = (MethodHandle) linkerType
				.getMethod("downcallHandle", Class.forName("java.lang.foreign.MemorySegment"), descriptorType,
						optionType.arrayType())
				.invoke(linker, trim.get(), descriptor, Array.newInstance(optionType, 0));
			return ((Integer) call.invoke(0L)) == 1;
		}
		catch (Throwable ex) {
			// no native access granted, or not glibc: the memory stays with the process
			return false;
		}
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
