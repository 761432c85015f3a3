// Computes src/test/resources/face/face-api-parity.json: face-api.js 1.7.15 (TensorFlow.js, CPU
// backend) run on a fixed 150x150 input, pixel (c, y, x) = (7x + 13y + 101c) mod 256.
// Run from a folder where @vladmandic/face-api@1.7.15 is unpacked at FACE_API (default below):
//   node scripts/face-api-parity.mjs > src/test/resources/face/face-api-parity.json
Object.defineProperty(process, 'versions', {value: {}, configurable: true});
const faceapi = await import((process.env.FACE_API ?? './package') + '/dist/face-api.esm.js');
import fs from 'fs';
const tf = faceapi.tf;
tf.setPlatform('plain', { fetch: globalThis.fetch, now: () => performance.now(), encode: (t) => new TextEncoder().encode(t), decode: (b, e) => new TextDecoder(e).decode(b), isTypedArray: (a) => ArrayBuffer.isView(a) && !(a instanceof DataView), setTimeoutCustom: (f, d) => setTimeout(f, d) });
await tf.setBackend('cpu'); await tf.ready();
class X {}
faceapi.env.setEnv({ Canvas: X, CanvasRenderingContext2D: X, Image: X, ImageData: X, Video: X, createCanvasElement: () => ({}), createImageElement: () => ({}), createVideoElement: () => ({}), fetch: globalThis.fetch, readFile: () => {} });
const net = new faceapi.FaceRecognitionNet();
const manifest = JSON.parse(fs.readFileSync((process.env.FACE_API ?? './package') + '/model/face_recognition_model-weights_manifest.json'));
const bin = fs.readFileSync((process.env.FACE_API ?? './package') + '/model/face_recognition_model.bin');
const ab = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
const weightMap = tf.io.decodeWeights(ab, manifest[0].weights);
net.loadFromWeightMap(weightMap);
// deterministic input: pixel (c,y,x) = (x*7 + y*13 + c*101) % 256, NHWC
const data = new Float32Array(150*150*3);
for (let y=0;y<150;y++) for (let x=0;x<150;x++) for (let c=0;c<3;c++) data[(y*150+x)*3+c] = (x*7 + y*13 + c*101) % 256;
const input = tf.tensor4d(data, [1,150,150,3]);
const out = net.forwardInput(await faceapi.toNetInput(input));
const arr = await out.data();
console.log(JSON.stringify(Array.from(arr)));
