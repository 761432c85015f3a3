package org.yixing.face;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a small ONNX model (opset 13) in protocol-buffer form without a protobuf
 * library: a graph of nodes over float tensors, with initializers. Only what
 * {@link DlibResNet} needs: node attributes of type int, ints and float, float and int64
 * initializers, and float inputs and outputs whose first dimension is symbolic.
 */
final class OnnxGraph {

	private static final int FLOAT = 1;

	private static final int INT64 = 7;

	private final ByteArrayOutputStream nodes = new ByteArrayOutputStream();

	private final ByteArrayOutputStream initializers = new ByteArrayOutputStream();

	private final List<byte[]> inputs = new ArrayList<>();

	private final List<byte[]> outputs = new ArrayList<>();

	private int names;

	/** A fresh value name. */
	String name(String hint) {
		return hint + "_" + (this.names++);
	}

	/** Adds a float initializer and returns its name. */
	String floats(String hint, float[] values, long... dims) {
		ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
		raw.asFloatBuffer().put(values);
		return initializer(hint, FLOAT, raw.array(), dims);
	}

	/** Adds an int64 initializer and returns its name. */
	String longs(String hint, long... values) {
		ByteBuffer raw = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
		raw.asLongBuffer().put(values);
		return initializer(hint, INT64, raw.array(), values.length);
	}

	/** A TensorProto: dims (1), data type (2), name (8), little-endian raw data (9). */
	private String initializer(String hint, int type, byte[] raw, long... dims) {
		String name = name(hint);
		Proto tensor = new Proto();
		for (long d : dims) {
			tensor.varint(1, d);
		}
		tensor.varint(2, type);
		tensor.string(8, name);
		tensor.bytes(9, raw);
		new Proto(this.initializers).message(5, tensor);
		return name;
	}

	/** Adds a node with one output and returns the output's name. */
	String node(String op, List<String> in, Attribute... attributes) {
		return nodeTo(name(op.toLowerCase()), op, in, attributes);
	}

	/** Adds a node whose one output has the given name. */
	String nodeTo(String out, String op, List<String> in, Attribute... attributes) {
		Proto node = new Proto();
		for (String i : in) {
			node.string(1, i);
		}
		node.string(2, out);
		node.string(3, out);
		node.string(4, op);
		for (Attribute a : attributes) {
			node.message(5, a.proto);
		}
		new Proto(this.nodes).message(1, node);
		return out;
	}

	void input(String name, long... dims) {
		this.inputs.add(valueInfo(name, dims));
	}

	void output(String name, long... dims) {
		this.outputs.add(valueInfo(name, dims));
	}

	/** The model: IR version 7, the default domain at opset 13. */
	byte[] model(String graphName) {
		Proto graph = new Proto();
		graph.raw(this.nodes.toByteArray());
		graph.string(2, graphName);
		graph.raw(this.initializers.toByteArray());
		for (byte[] in : this.inputs) {
			graph.bytes(11, in);
		}
		for (byte[] out : this.outputs) {
			graph.bytes(12, out);
		}
		Proto model = new Proto();
		model.varint(1, 7);
		model.string(2, "yixing");
		model.message(7, graph);
		Proto opset = new Proto();
		opset.string(1, "");
		opset.varint(2, 13);
		model.message(8, opset);
		return model.toByteArray();
	}

	/** Dimensions below zero are symbolic ({@code N}). */
	private static byte[] valueInfo(String name, long... dims) {
		Proto shape = new Proto();
		for (long d : dims) {
			Proto dim = new Proto();
			if (d < 0) {
				dim.string(2, "N");
			}
			else {
				dim.varint(1, d);
			}
			shape.message(1, dim);
		}
		Proto tensorType = new Proto();
		tensorType.varint(1, FLOAT);
		tensorType.message(2, shape);
		Proto type = new Proto();
		type.message(1, tensorType);
		Proto info = new Proto();
		info.string(1, name);
		info.message(2, type);
		return info.toByteArray();
	}

	record Attribute(Proto proto) {

		static Attribute ints(String name, long... values) {
			Proto a = new Proto();
			a.string(1, name);
			for (long v : values) {
				a.varint(8, v);
			}
			a.varint(20, 7);
			return new Attribute(a);
		}

		static Attribute integer(String name, long value) {
			Proto a = new Proto();
			a.string(1, name);
			a.varint(3, value);
			a.varint(20, 2);
			return new Attribute(a);
		}

	}

	/** Protocol-buffer wire format: varints and length-delimited fields. */
	static final class Proto {

		private final ByteArrayOutputStream out;

		Proto() {
			this(new ByteArrayOutputStream());
		}

		Proto(ByteArrayOutputStream out) {
			this.out = out;
		}

		void varint(int field, long value) {
			tag(field, 0);
			writeVarint(value);
		}

		void string(int field, String value) {
			bytes(field, value.getBytes(StandardCharsets.UTF_8));
		}

		void message(int field, Proto message) {
			bytes(field, message.toByteArray());
		}

		void bytes(int field, byte[] value) {
			tag(field, 2);
			writeVarint(value.length);
			this.out.writeBytes(value);
		}

		void raw(byte[] encoded) {
			this.out.writeBytes(encoded);
		}

		byte[] toByteArray() {
			return this.out.toByteArray();
		}

		private void tag(int field, int wireType) {
			writeVarint(((long) field << 3) | wireType);
		}

		private void writeVarint(long value) {
			long v = value;
			while ((v & ~0x7FL) != 0) {
				this.out.write((int) ((v & 0x7F) | 0x80));
				v >>>= 7;
			}
			this.out.write((int) v);
		}

	}

}
