package org.yixing.shared;

import java.lang.invoke.MethodHandle;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Array;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

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
 * <li>the heap's free ratios, which decide what a remark keeps or makes free. While the
 * server works (start-up, and whenever {@link HeapAtWork} sees the load,
 * {@link #atWork()}) {@code MinHeapFreeRatio} 70 and {@code MaxHeapFreeRatio} 85, so that
 * a remark grows the heap to some three times its live data; once it idles
 * ({@link #idle()}, from "ready" on) 10 and 30, as for containers. A heap kept tight at
 * work (30 % free: ~100 MB around ~60 MB of live data; or shrunk while idle and left
 * there by the JVM's own 40 %: 120–150 MB) had G1 start a concurrent cycle after nearly
 * every other young collection, the live data being above its initiating occupancy, with
 * remark pauses of 10–90 ms (docs/PERFORMANCE.md).</li>
 * </ul>
 * All three are "manageable" options of HotSpot, meant to be changed at run time.
 */
public final class IdleFootprint {

	static final String MIN_FREE = "MinHeapFreeRatio";

	static final String MAX_FREE = "MaxHeapFreeRatio";

	/** The free ratios while the server works. */
	static final Ratios AT_WORK = new Ratios("70", "85");

	/** The free ratios while the server idles. */
	static final Ratios IDLE = new Ratios("10", "30");

	/** What {@link #apply()} sets: start-up is work. */
	static final Map<String, String> SETTINGS = settings();

	/**
	 * Whether this class took the free ratios over (the operator left both at the JVM's
	 * defaults). Read and written under the class's lock, as the idle flag is.
	 */
	private static boolean ratiosTaken;

	private static boolean idle;

	private IdleFootprint() {
	}

	private static Map<String, String> settings() {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("G1PeriodicGCInterval", "10000");
		// MinHeapFreeRatio must not exceed MaxHeapFreeRatio at any moment: raised, the
		// maximum goes first
		settings.put(MAX_FREE, AT_WORK.max());
		settings.put(MIN_FREE, AT_WORK.min());
		return settings;
	}

	/**
	 * Applies the settings the operator left at their defaults: the server is starting,
	 * which is work.
	 * @return what was set, by option name
	 */
	public static synchronized Map<String, String> apply() {
		Map<String, String> applied = new LinkedHashMap<>();
		HotSpotDiagnosticMXBean hotspot = hotspot();
		if (hotspot == null || !"true".equals(value(hotspot, "UseG1GC"))) {
			return applied;
		}
		boolean ratiosDefault = isDefault(hotspot, MIN_FREE) && isDefault(hotspot, MAX_FREE);
		for (Map.Entry<String, String> setting : SETTINGS.entrySet()) {
			boolean ratio = setting.getKey().equals(MIN_FREE) || setting.getKey().equals(MAX_FREE);
			if ((ratio && !ratiosDefault) || !isDefault(hotspot, setting.getKey())) {
				continue;
			}
			try {
				hotspot.setVMOption(setting.getKey(), setting.getValue());
				applied.put(setting.getKey(), setting.getValue());
			}
			catch (IllegalArgumentException ex) {
				// an option this JVM does not have, or a value it refuses: keep its own
			}
		}
		if (applied.containsKey(MIN_FREE) && applied.containsKey(MAX_FREE)) {
			ratiosTaken = true;
			idle = false;
		}
		return applied;
	}

	/**
	 * The server is working: the work ratios, so that the heap gets and keeps the room
	 * the load needs. Nothing when the operator set the ratios.
	 */
	public static synchronized void atWork() {
		if (ratiosTaken && idle) {
			// MaxHeapFreeRatio first: the minimum may never exceed it
			set(MAX_FREE, AT_WORK.max());
			set(MIN_FREE, AT_WORK.min());
			idle = false;
		}
	}

	/** The server is idle: the tight ratios, for the next periodic collection. */
	public static synchronized void idle() {
		if (ratiosTaken && !idle) {
			set(MIN_FREE, IDLE.min());
			set(MAX_FREE, IDLE.max());
			idle = true;
		}
	}

	private static boolean isDefault(HotSpotDiagnosticMXBean hotspot, String name) {
		try {
			VMOption option = hotspot.getVMOption(name);
			return option.getOrigin() == VMOption.Origin.DEFAULT && option.isWriteable();
		}
		catch (IllegalArgumentException ex) {
			return false;
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

	record Ratios(String min, String max) {
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
