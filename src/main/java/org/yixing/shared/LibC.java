package org.yixing.shared;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;

/**
 * The C library functions Yixing calls, through the JDK 22+ foreign function API, reached
 * reflectively since the code is compiled for Java 21. On Java 21, on Windows (no such
 * functions in its C library), or where native access is denied, each call does nothing
 * and says so.
 */
public final class LibC {

	private LibC() {
	}

	/**
	 * {@code malloc_trim(0)} of glibc: hands the memory native code has freed back to the
	 * operating system.
	 * @return whether memory was given back
	 */
	public static boolean mallocTrim() {
		if (!System.getProperty("os.name", "").startsWith("Linux")) {
			return false;
		}
		try {
			Optional<MethodHandle> trim = function("malloc_trim", "JAVA_INT", "JAVA_LONG");
			return trim.isPresent() && ((Integer) trim.get().invoke(0L)) == 1;
		}
		catch (Throwable ex) {
			// not glibc, or no native access granted: the memory stays with the process
			return false;
		}
	}

	/**
	 * {@code setenv(name, value, 1)}: sets a variable in this process's own environment,
	 * where native libraries read it ({@link System#getenv} keeps the copy it took at
	 * start). Call it once per variable, before the library that reads it is loaded:
	 * glibc leaves the environment it replaces in place the first time, so a thread
	 * reading it meanwhile is safe, but later changes may free what such a thread reads.
	 * @return whether the variable was set
	 */
	public static boolean setenv(String name, String value) {
		if (System.getProperty("os.name", "").startsWith("Windows")) {
			return false;
		}
		try {
			Optional<MethodHandle> setenv = function("setenv", "JAVA_INT", "ADDRESS", "ADDRESS", "JAVA_INT");
			if (setenv.isEmpty()) {
				return false;
			}
			// setenv copies both strings; two small allocations for the process's life.
			Object arena = Class.forName("java.lang.foreign.Arena").getMethod("global").invoke(null);
			Method cString = Class.forName("java.lang.foreign.SegmentAllocator")
				.getMethod("allocateFrom", String.class);
			return ((Integer) setenv.get().invoke(cString.invoke(arena, name), cString.invoke(arena, value), 1)) == 0;
		}
		catch (Throwable ex) {
			return false;
		}
	}

	/**
	 * {@code execve(path, argv, envp)}: replaces this process's program, keeping the
	 * process (its id, signals, open standard streams); returns only if that fails.
	 * @param path the program
	 * @param argv its arguments, the program's name first
	 * @param env its environment, as {@code NAME=value}
	 * @return {@code execve}'s result, -1
	 * @throws Throwable where the function cannot be called (Java 21, no native access,
	 * no such function)
	 */
	public static int execve(String path, List<String> argv, List<String> env) throws Throwable {
		MethodHandle execve = function("execve", "JAVA_INT", "ADDRESS", "ADDRESS", "ADDRESS")
			.orElseThrow(() -> new UnsupportedOperationException("no execve here"));
		Class<?> segmentType = Class.forName("java.lang.foreign.MemorySegment");
		Class<?> allocatorType = Class.forName("java.lang.foreign.SegmentAllocator");
		Object address = Class.forName("java.lang.foreign.ValueLayout").getField("ADDRESS").get(null);
		Object arena = Class.forName("java.lang.foreign.Arena").getMethod("global").invoke(null);
		Method cString = allocatorType.getMethod("allocateFrom", String.class);
		Method allocate = allocatorType.getMethod("allocate", Class.forName("java.lang.foreign.MemoryLayout"),
				long.class);
		Method setAt = segmentType.getMethod("setAtIndex", Class.forName("java.lang.foreign.AddressLayout"), long.class,
				segmentType);
		Object[] arrays = new Object[2];
		List<List<String>> lists = List.of(argv, env);
		for (int a = 0; a < arrays.length; a++) {
			List<String> strings = lists.get(a);
			// a NULL-terminated array of C strings, for the process's last moments here
			Object array = allocate.invoke(arena, address, (long) strings.size() + 1);
			for (int i = 0; i < strings.size(); i++) {
				setAt.invoke(array, address, (long) i, cString.invoke(arena, strings.get(i)));
			}
			setAt.invoke(array, address, (long) strings.size(), segmentType.getField("NULL").get(null));
			arrays[a] = array;
		}
		return (Integer) execve.invoke(cString.invoke(arena, path), arrays[0], arrays[1]);
	}

	/**
	 * A downcall handle for a function of the C library, by the names of the
	 * {@code ValueLayout} constants of its result and arguments; empty before Java 22 or
	 * where the library has no such function.
	 */
	private static Optional<MethodHandle> function(String name, String result, String... arguments)
			throws ReflectiveOperationException {
		if (Runtime.version().feature() < 22) {
			return Optional.empty();
		}
		Class<?> linkerType = Class.forName("java.lang.foreign.Linker");
		Class<?> layoutType = Class.forName("java.lang.foreign.MemoryLayout");
		Class<?> valueLayout = Class.forName("java.lang.foreign.ValueLayout");
		Class<?> descriptorType = Class.forName("java.lang.foreign.FunctionDescriptor");
		Class<?> optionType = Class.forName("java.lang.foreign.Linker$Option");
		Object linker = linkerType.getMethod("nativeLinker").invoke(null);
		Object lookup = linkerType.getMethod("defaultLookup").invoke(linker);
		Optional<?> symbol = (Optional<?>) Class.forName("java.lang.foreign.SymbolLookup")
			.getMethod("find", String.class)
			.invoke(lookup, name);
		if (symbol.isEmpty()) {
			return Optional.empty();
		}
		Object[] layouts = (Object[]) Array.newInstance(layoutType, arguments.length);
		for (int i = 0; i < arguments.length; i++) {
			layouts[i] = valueLayout.getField(arguments[i]).get(null);
		}
		Object descriptor = descriptorType.getMethod("of", layoutType, layouts.getClass())
			.invoke(null, valueLayout.getField(result).get(null), layouts);
		return Optional
			.of((MethodHandle) linkerType
				.getMethod("downcallHandle", Class.forName("java.lang.foreign.MemorySegment"), descriptorType,
						optionType.arrayType())
				.invoke(linker, symbol.get(), descriptor, Array.newInstance(optionType, 0)));
	}

}
