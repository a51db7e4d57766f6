package org.sparsecode.experiment;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.sparsecode.harness.Fingerprint;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

/**
 * A hash of a TensorFlow graph's computation that ignores node names and the order in which the
 * Java code created the nodes. So renaming a placeholder, or moving the code that builds a layer,
 * keeps the hash; changing an op, an attribute (a constant's value, a seed, a padding), a shape or
 * a connection changes it.
 *
 * <p>Each node's hash covers its op type, its attributes (without the ones that hold names: {@code
 * shared_name}, {@code container} and TensorFlow's internal {@code _...} ones), the dtype and shape
 * of each output, the hashes of the nodes feeding its inputs in input order (with the output index
 * used; an AddN of more than 8 inputs takes them as a multiset, since TensorFlow's gradient builder
 * orders those differently in each process) and, as a set, its control inputs. A node's name thus
 * never enters; its place in the graph does, through its inputs. The graph's hash is that of the
 * sorted list of node hashes (and of the function library's entries), so it does not depend on the
 * order of creation either. Loops' back edges (inputs read from a {@code NextIteration} op) enter
 * by op type only, which makes every graph a DAG for the hash.
 */
public final class GraphFingerprint {
  private static final Set<String> NAME_ATTRS = Set.of("shared_name", "container");

  /**
   * TensorFlow keeps up to 8 edges of a node in creation order and more in a set ordered by memory
   * address. Its gradient builder walks a node's input edges to pass gradients on, so where more
   * than 8 branches meet in one op (the 9 taps of a 3x3 tap-product convolution, summed by one
   * AddN), the gradients it then sums come in an order that changes from process to process. An
   * AddN of more than this many inputs is therefore hashed with its inputs as a multiset. Smaller
   * AddNs keep their input order: it was seen stable across processes for every sweep's graphs, and
   * sorting it would change their recorded fingerprints.
   */
  static final int ORDERED_ADDN_INPUTS = 8;

  private GraphFingerprint() {}

  /** The hash of {@code graph} (lower-case hex SHA-256). */
  public static String of(Graph graph) {
    GraphDef def = graph.toGraphDef();
    Map<String, NodeDef> byName = new TreeMap<>();
    for (NodeDef node : def.getNodeList()) {
      byName.put(node.getName(), node);
    }
    Map<String, List<String>> outputs = new HashMap<>();
    for (var it = graph.operations(); it.hasNext(); ) {
      GraphOperation op = it.next();
      List<String> out = new ArrayList<>();
      for (int i = 0; i < op.numOutputs(); i++) {
        out.add(op.output(i).dataType() + " " + op.output(i).shape());
      }
      outputs.put(op.name(), out);
    }
    Map<String, String> hashes = new HashMap<>();
    for (String name : byName.keySet()) {
      hashFrom(name, byName, outputs, hashes);
    }
    List<String> lines = new ArrayList<>(hashes.values());
    for (var function : def.getLibrary().getFunctionList()) {
      lines.add("function " + sha256(deterministicBytes(function)));
    }
    Collections.sort(lines);
    return Fingerprint.sha256(String.join("\n", lines));
  }

  /** Hashes {@code start} and every node it depends on, without recursion (graphs can be deep). */
  private static void hashFrom(
      String start,
      Map<String, NodeDef> byName,
      Map<String, List<String>> outputs,
      Map<String, String> hashes) {
    Deque<String> stack = new ArrayDeque<>();
    java.util.Set<String> open = new java.util.HashSet<>();
    stack.push(start);
    while (!stack.isEmpty()) {
      String name = stack.peek();
      if (hashes.containsKey(name)) {
        stack.pop();
        continue;
      }
      NodeDef node = byName.get(name);
      boolean ready = true;
      if (open.add(name)) {
        for (String input : node.getInputList()) {
          String source = sourceName(input);
          NodeDef from = byName.get(source);
          if (from != null
              && !isBackEdge(from)
              && !hashes.containsKey(source)
              && !open.contains(source)) {
            stack.push(source);
            ready = false;
          }
        }
      }
      if (ready) {
        hashes.put(name, nodeHash(node, byName, outputs.getOrDefault(name, List.of()), hashes));
        stack.pop();
        open.remove(name);
      }
    }
  }

  private static String nodeHash(
      NodeDef node, Map<String, NodeDef> byName, List<String> outputs, Map<String, String> hashes) {
    StringBuilder text = new StringBuilder("op ").append(node.getOp()).append('\n');
    for (Map.Entry<String, AttrValue> attr : new TreeMap<>(node.getAttrMap()).entrySet()) {
      String key = attr.getKey();
      if (key.startsWith("_") || NAME_ATTRS.contains(key)) {
        continue;
      }
      text.append("attr ")
          .append(key)
          .append('=')
          .append(sha256(deterministicBytes(attr.getValue())))
          .append('\n');
    }
    for (String output : outputs) {
      text.append("out ").append(output).append('\n');
    }
    List<String> controls = new ArrayList<>();
    List<String> inputs = new ArrayList<>();
    for (String input : node.getInputList()) {
      String source = sourceName(input);
      NodeDef from = byName.get(source);
      String ref;
      if (from == null) {
        ref = "missing";
      } else if (isBackEdge(from) || !hashes.containsKey(source)) {
        ref = "loop " + from.getOp(); // a back edge or other cycle: by op type only
      } else {
        ref = hashes.get(source);
      }
      if (input.startsWith("^")) {
        controls.add(ref);
      } else {
        inputs.add("in " + ref + ':' + outputIndex(input) + '\n');
      }
    }
    if (node.getOp().equals("AddN") && inputs.size() > ORDERED_ADDN_INPUTS) {
      Collections.sort(inputs);
    }
    for (String in : inputs) {
      text.append(in);
    }
    Collections.sort(controls);
    for (String c : controls) {
      text.append("control ").append(c).append('\n');
    }
    return Fingerprint.sha256(text.toString());
  }

  private static boolean isBackEdge(NodeDef from) {
    return from.getOp().equals("NextIteration");
  }

  /** "^name" -> name, "name:2" -> name, "name" -> name. */
  static String sourceName(String input) {
    String s = input.startsWith("^") ? input.substring(1) : input;
    int colon = s.lastIndexOf(':');
    return colon < 0 ? s : s.substring(0, colon);
  }

  static int outputIndex(String input) {
    if (input.startsWith("^")) {
      return -1;
    }
    int colon = input.lastIndexOf(':');
    return colon < 0 ? 0 : Integer.parseInt(input.substring(colon + 1));
  }

  /** Protocol buffers only promise the same bytes for the same message when asked to. */
  private static byte[] deterministicBytes(MessageLite message) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      out.useDeterministicSerialization();
      message.writeTo(out);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(byte[] bytes) {
    MessageDigest d = Fingerprint.digest();
    return HexFormat.of().formatHex(d.digest(bytes));
  }

  static String sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }
}
