package org.yixing.face;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.yixing.face.OnnxGraph.Attribute;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Davis King's dlib ResNet-29 face recogniser, as face-api.js ships its weights
 * (TensorFlow.js weights manifest plus one binary file, some tensors quantised to uint8),
 * rebuilt as an ONNX graph that ONNX Runtime runs. The layer sequence is face-api.js's
 * {@code FaceRecognitionNet}: a 7×7 stride-2 convolution, a 3×3 max pool, then residual
 * blocks at 32, 64, 128 and 256 channels, a global average and a 256×128 projection. Each
 * convolution's bias and the following per-channel scale layer are folded into the
 * convolution. The graph takes {@code image [N,3,150,150]}, RGB 0–255, and gives
 * {@code descriptor [N,128]}.
 */
final class DlibResNet {

	/** The mean RGB face-api.js subtracts before dividing by 256. */
	static final float[] MEAN_RGB = { 122.782f, 117.001f, 104.298f };

	static final int SIZE = 150;

	private final Map<String, float[]> weights;

	private final Map<String, int[]> shapes;

	private final OnnxGraph graph = new OnnxGraph();

	private int height = SIZE;

	private int channels = 3;

	private DlibResNet(Map<String, float[]> weights, Map<String, int[]> shapes) {
		this.weights = weights;
		this.shapes = shapes;
	}

	/**
	 * dlib's own divisor after the mean: its input layer computes {@code (pixel - mean) /
	 * 256}, as the original face-api.js does; @vladmandic/face-api divides by 255.
	 */
	static final float DLIB_DIVISOR = 256f;

	/** The ONNX model built from the manifest and its weights file. */
	static byte[] onnx(InputStream manifest, byte[] bin) throws IOException {
		return onnx(manifest, bin, DLIB_DIVISOR);
	}

	static byte[] onnx(InputStream manifest, byte[] bin, float divisor) throws IOException {
		Map<String, float[]> weights = new HashMap<>();
		Map<String, int[]> shapes = new HashMap<>();
		JsonNode groups = JsonMapper.builder().build().readTree(manifest);
		ByteBuffer data = ByteBuffer.wrap(bin).order(ByteOrder.LITTLE_ENDIAN);
		for (JsonNode group : groups) {
			for (JsonNode w : group.get("weights")) {
				int[] shape = new int[w.get("shape").size()];
				int count = 1;
				for (int i = 0; i < shape.length; i++) {
					shape[i] = w.get("shape").get(i).asInt();
					count *= shape[i];
				}
				float[] values = new float[count];
				JsonNode q = w.get("quantization");
				if (q == null) {
					for (int i = 0; i < count; i++) {
						values[i] = data.getFloat();
					}
				}
				else {
					if (!"uint8".equals(q.get("dtype").asString())) {
						throw new IOException("unsupported quantization " + q);
					}
					// As TensorFlow.js dequantises: in double precision, then rounded to
					// float.
					double scale = q.get("scale").asDouble();
					double min = q.get("min").asDouble();
					for (int i = 0; i < count; i++) {
						values[i] = (float) ((data.get() & 0xFF) * scale + min);
					}
				}
				weights.put(w.get("name").asString(), values);
				shapes.put(w.get("name").asString(), shape);
			}
		}
		if (data.hasRemaining()) {
			throw new IOException(data.remaining() + " bytes of weights left over");
		}
		return new DlibResNet(weights, shapes).build(divisor);
	}

	private byte[] build(float divisor) {
		OnnxGraph g = this.graph;
		g.input("image", -1, 3, SIZE, SIZE);
		String x = g.node("Sub", List.of("image", g.floats("mean", MEAN_RGB, 1, 3, 1, 1)));
		x = g.node("Mul", List.of(x, g.floats("scale", new float[] { 1f / divisor }, 1)));
		x = relu(conv(x, "conv32_down", 2));
		x = g.node("MaxPool", List.of(x), Attribute.ints("kernel_shape", 3, 3), Attribute.ints("strides", 2, 2));
		this.height = (this.height - 3) / 2 + 1;
		for (String block : List.of("conv32_1", "conv32_2", "conv32_3", "conv64_down", "conv64_1", "conv64_2",
				"conv64_3", "conv128_down", "conv128_1", "conv128_2", "conv256_down", "conv256_1", "conv256_2",
				"conv256_down_out")) {
			x = block.contains("down") ? residualDown(x, block) : residual(x, block);
		}
		x = g.node("GlobalAveragePool", List.of(x));
		x = g.node("Flatten", List.of(x), Attribute.integer("axis", 1));
		int[] fc = this.shapes.get("fc");
		x = g.node("MatMul", List.of(x, g.floats("fc", this.weights.get("fc"), fc[0], fc[1])));
		g.nodeTo("descriptor", "Identity", List.of(x));
		g.output("descriptor", -1, fc[1]);
		return g.model("dlib_resnet29");
	}

	private String residual(String x, String block) {
		String out = relu(conv(x, block + "/conv1", 1));
		out = conv(out, block + "/conv2", 1);
		return relu(this.graph.node("Add", List.of(out, x)));
	}

	private String residualDown(String x, String block) {
		OnnxGraph g = this.graph;
		int inChannels = this.channels;
		int inHeight = this.height;
		String out = relu(conv(x, block + "/conv1", 2));
		out = conv(out, block + "/conv2", 1);
		String pooled = g.node("AveragePool", List.of(x), Attribute.ints("kernel_shape", 2, 2),
				Attribute.ints("strides", 2, 2));
		int pooledHeight = (inHeight - 2) / 2 + 1;
		if (pooledHeight != this.height) {
			// face-api.js appends a row and a column of zeros to the convolution's
			// output.
			int grow = pooledHeight - this.height;
			out = g.node("Pad", List.of(out, g.longs("pads", 0, 0, 0, 0, 0, 0, grow, grow)));
			this.height = pooledHeight;
		}
		if (inChannels != this.channels) {
			pooled = g.node("Pad", List.of(pooled, g.longs("pads", 0, 0, 0, 0, 0, this.channels - inChannels, 0, 0)));
		}
		return relu(g.node("Add", List.of(pooled, out)));
	}

	/**
	 * A convolution (stride 1: "same" padding; stride 2: "valid") with its bias and scale
	 * layer folded in: {@code (conv(x) + b) * s + c = conv(x) * s + (b * s + c)}.
	 */
	private String conv(String x, String layer, int stride) {
		float[] filters = this.weights.get(layer + "/conv/filters");
		int[] shape = this.shapes.get(layer + "/conv/filters");
		float[] bias = this.weights.get(layer + "/conv/bias");
		float[] s = this.weights.get(layer + "/scale/weights");
		float[] c = this.weights.get(layer + "/scale/biases");
		int kh = shape[0];
		int kw = shape[1];
		int in = shape[2];
		int out = shape[3];
		// TensorFlow's [h, w, in, out] to ONNX's [out, in, h, w].
		float[] w = new float[filters.length];
		for (int y = 0; y < kh; y++) {
			for (int xx = 0; xx < kw; xx++) {
				for (int i = 0; i < in; i++) {
					for (int o = 0; o < out; o++) {
						w[((o * in + i) * kh + y) * kw + xx] = filters[((y * kw + xx) * in + i) * out + o] * s[o];
					}
				}
			}
		}
		float[] b = new float[out];
		for (int o = 0; o < out; o++) {
			b[o] = bias[o] * s[o] + c[o];
		}
		int pad = (stride == 1) ? kh / 2 : 0;
		String y = this.graph.node("Conv",
				List.of(x, this.graph.floats("w", w, out, in, kh, kw), this.graph.floats("b", b, out)),
				Attribute.ints("kernel_shape", kh, kw), Attribute.ints("strides", stride, stride),
				Attribute.ints("pads", pad, pad, pad, pad));
		this.height = (this.height + 2 * pad - kh) / stride + 1;
		this.channels = out;
		return y;
	}

	private String relu(String x) {
		return this.graph.node("Relu", List.of(x));
	}

}
