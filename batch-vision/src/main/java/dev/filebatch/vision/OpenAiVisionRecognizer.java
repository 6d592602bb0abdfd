package dev.filebatch.vision;

import dev.filebatch.BatchJson;
import dev.filebatch.ErrorCode;
import dev.filebatch.spi.FileProcessingException;
import dev.filebatch.spi.ProcessingContext;
import dev.filebatch.spi.TransientException;
import dev.filebatch.vision.internal.RetryAfter;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OCR by a vision language model behind any OpenAI-compatible chat-completions endpoint: OpenAI itself, Ollama
 * ({@code http://localhost:11434/v1}), vLLM ({@code http://localhost:8000/v1}) and others.
 *
 * <p>Each image is sent as a PNG {@code data:} URL in one {@code POST {baseUrl}/chat/completions} request
 * ({@code messages[0].content} = the prompt as {@code text} and the image as {@code image_url}); the answer is
 * {@code choices[0].message.content}. Failures: 429 becomes a {@link TransientException} with
 * {@code RATE_LIMITED}, 408, 409 and 5xx one with {@code RETRIES_EXHAUSTED}, network errors too; each carries the
 * server's {@code Retry-After} (seconds or HTTP date) or {@code retry-after-ms}. 401 and 403 fail the file with
 * {@code VISION_AUTH_FAILED}, other 4xx with {@code VISION_REQUEST_REJECTED}, an unreadable answer with
 * {@code VISION_BAD_RESPONSE}. An answer cut short by the token limit is kept and marks the file partial
 * ({@code OCR_TRUNCATED}).
 *
 * <p>The API key is sent only in the {@code Authorization} header, never logged, never put in messages, and
 * redirects are not followed (so it cannot leak to another host).
 *
 * <pre>{@code
 * TextRecognizer ocr = OpenAiVisionRecognizer.builder()
 *     .baseUrl("http://localhost:11434/v1").model("llama3.2-vision").build();
 * }</pre>
 */
public final class OpenAiVisionRecognizer implements TextRecognizer {
  /** 401 or 403: the key is missing, wrong, or not allowed to use the model. */
  public static final ErrorCode VISION_AUTH_FAILED = ErrorCode.of("VISION_AUTH_FAILED");
  /** Another 4xx, or the model refused: the request itself was not acceptable. */
  public static final ErrorCode VISION_REQUEST_REJECTED = ErrorCode.of("VISION_REQUEST_REJECTED");
  /** A 2xx answer that is not a chat completion with text. */
  public static final ErrorCode VISION_BAD_RESPONSE = ErrorCode.of("VISION_BAD_RESPONSE");
  /** The model's answer was cut short by its token limit (reported as partial). */
  public static final ErrorCode OCR_TRUNCATED = ErrorCode.of("OCR_TRUNCATED");

  /** The default prompt: a transcription, not a description. */
  public static final String DEFAULT_PROMPT = "Transcribe all text in this image exactly as written, line by line, "
      + "preserving line breaks and numbers. Reply with the transcribed text only, without any commentary. "
      + "If there is no text, reply with nothing.";

  private static final Logger LOG = LoggerFactory.getLogger(OpenAiVisionRecognizer.class);
  private static final int MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

  private final URI endpoint;
  private final String model;
  private final String apiKey;
  private final String prompt;
  private final Duration timeout;
  private final int maxImageSide;
  private final String imageDetail;
  private final HttpClient client;

  private OpenAiVisionRecognizer(Builder b) {
    this.endpoint = URI.create(b.baseUrl + "/chat/completions");
    this.model = b.model;
    this.apiKey = b.apiKey;
    this.prompt = b.prompt;
    this.timeout = b.timeout;
    this.maxImageSide = b.maxImageSide;
    this.imageDetail = b.imageDetail;
    // HTTP/1.1: Ollama and some proxies mishandle the h2c upgrade the JDK would try on plain http.
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(b.timeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    if (apiKey != null && "http".equals(endpoint.getScheme()) && !isLoopback(endpoint.getHost())) {
      LOG.warn("The vision API key will be sent over plain http to {}; use https", endpoint.getHost());
    }
  }

  /** A builder; {@code model} and the other options have defaults suited to OpenAI. */
  public static Builder builder() {
    return new Builder();
  }

  /** {@code openai:} followed by the model, e.g. {@code openai:gpt-4o-mini}. */
  @Override
  public String id() {
    return "openai:" + model;
  }

  /**
   * Sends the image to the endpoint and returns the model's transcription, with no confidence.
   *
   * @throws TransientException on 408, 409, 429, 5xx and network errors
   * @throws FileProcessingException on other failures, with the codes listed in the class comment
   */
  @Override
  public RecognizedText recognize(BufferedImage image, ProcessingContext context) throws Exception {
    Objects.requireNonNull(image, "image");
    String dataUrl = "data:image/png;base64," + Base64.getEncoder().encodeToString(png(fitted(image)));
    context.checkCancelled();
    Duration remaining = context.remaining();
    if (remaining.isZero()) {
      context.checkCancelled();
      throw timeout(null);
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
        .timeout(remaining.compareTo(timeout) < 0 ? remaining : timeout)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(requestBody(dataUrl), StandardCharsets.UTF_8));
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }

    HttpResponse<InputStream> response = send(request.build());
    byte[] body;
    try (InputStream in = response.body()) {
      body = in.readNBytes(MAX_RESPONSE_BYTES + 1);
    } catch (IOException e) {
      throw new TransientException(ErrorCode.RETRIES_EXHAUSTED,
          "The vision endpoint " + endpoint.getHost() + " broke off its answer: " + e.getMessage(), null, e);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      if (body.length > MAX_RESPONSE_BYTES) {
        throw badResponse("the answer is larger than " + MAX_RESPONSE_BYTES / (1024 * 1024) + " MiB");
      }
      return parse(body, image, context);
    }
    throw failure(status, body, RetryAfter.from(response.headers(), Instant.now()).orElse(null));
  }

  private String requestBody(String dataUrl) {
    ObjectNode root = BatchJson.mapper().createObjectNode();
    root.put("model", model);
    ArrayNode messages = root.putArray("messages");
    ObjectNode user = messages.addObject();
    user.put("role", "user");
    ArrayNode content = user.putArray("content");
    content.addObject().put("type", "text").put("text", prompt);
    ObjectNode imagePart = content.addObject();
    imagePart.put("type", "image_url");
    ObjectNode imageUrl = imagePart.putObject("image_url");
    imageUrl.put("url", dataUrl);
    imageUrl.put("detail", imageDetail);
    return BatchJson.mapper().writeValueAsString(root);
  }

  private HttpResponse<InputStream> send(HttpRequest request) throws Exception {
    CompletableFuture<HttpResponse<InputStream>> call =
        client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
    try {
      return call.get();
    } catch (InterruptedException e) {
      call.cancel(true); // the file was cancelled or timed out: drop the request
      Thread.currentThread().interrupt();
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof HttpTimeoutException) {
        throw timeout(cause);
      }
      if (cause instanceof IOException) {
        throw new TransientException(ErrorCode.RETRIES_EXHAUSTED, "Could not reach the vision endpoint "
            + endpoint.getHost() + ": " + describe(cause), null, cause);
      }
      throw e;
    }
  }

  private TransientException timeout(Throwable cause) {
    return new TransientException(ErrorCode.RETRIES_EXHAUSTED,
        "The vision endpoint " + endpoint.getHost() + " did not answer within the time allowed.", null, cause);
  }

  private RecognizedText parse(byte[] body, BufferedImage image, ProcessingContext context)
      throws FileProcessingException {
    JsonNode root;
    try {
      root = BatchJson.mapper().readTree(body);
    } catch (JacksonException e) {
      throw badResponse("the answer is not JSON");
    }
    JsonNode choice = root.path("choices").path(0);
    JsonNode message = choice.path("message");
    if (message.isMissingNode() || !message.isObject()) {
      throw badResponse("the answer holds no choices[0].message");
    }
    String refusal = message.path("refusal").isString() ? message.path("refusal").asString() : null;
    JsonNode content = message.path("content");
    String text;
    if (content.isString()) {
      text = content.asString();
    } else if (content.isArray()) {
      // Some servers answer with content parts, like the request's.
      StringBuilder joined = new StringBuilder();
      for (JsonNode part : content) {
        if ("text".equals(part.path("type").asString("")) && part.path("text").isString()) {
          joined.append(part.path("text").asString());
        }
      }
      text = joined.toString();
    } else if (refusal != null) {
      throw new FileProcessingException(VISION_REQUEST_REJECTED, "The vision model refused: " + clip(refusal),
          "Check that the image is a document the model may transcribe, or use TesseractRecognizer.");
    } else {
      throw badResponse("choices[0].message.content is neither text nor content parts");
    }
    if ("length".equals(choice.path("finish_reason").asString(""))) {
      context.reportPartial(OCR_TRUNCATED, "The vision model's answer was cut short by its token limit.",
          "Split the page into smaller images, or use a model with a larger output limit.");
    }
    return RecognizedText.of(text.strip(), null, id(), image.getWidth(), image.getHeight());
  }

  private FileProcessingException failure(int status, byte[] body, Duration retryAfter) {
    String detail = errorDetail(body);
    String what = "The vision endpoint answered HTTP " + status + (detail.isEmpty() ? "" : ": " + detail);
    if (status == 429) {
      return new TransientException(ErrorCode.RATE_LIMITED, what, retryAfter, null);
    }
    if (status == 408 || status == 409 || status >= 500) {
      return new TransientException(ErrorCode.RETRIES_EXHAUSTED, what, retryAfter, null);
    }
    if (status == 401 || status == 403) {
      return new FileProcessingException(VISION_AUTH_FAILED, what,
          "Check the API key (and that it may use model '" + model + "'); for Ollama or vLLM without keys, leave "
              + "it unset.");
    }
    if (status == 404) {
      return new FileProcessingException(VISION_REQUEST_REJECTED, what,
          "Check the base URL (it usually ends in /v1, e.g. https://api.openai.com/v1) and the model name '"
              + model + "'.");
    }
    return new FileProcessingException(VISION_REQUEST_REJECTED, what,
        "Check that model '" + model + "' accepts image input and that the image is within the service's limits.");
  }

  private String errorDetail(byte[] body) {
    String text = new String(body, 0, Math.min(body.length, 64 * 1024), StandardCharsets.UTF_8);
    try {
      JsonNode error = BatchJson.mapper().readTree(text).path("error");
      if (error.path("message").isString()) {
        return clip(error.path("message").asString());
      }
      if (error.isString()) {
        return clip(error.asString()); // Ollama: {"error": "..."}
      }
    } catch (JacksonException | IllegalArgumentException e) {
      // not JSON: fall back to the raw text
    }
    return clip(text);
  }

  /** Short, single-line, and without the key even if the server echoed it. */
  private String clip(String text) {
    String line = text.replaceAll("\\p{Cntrl}+", " ").strip();
    if (apiKey != null && !apiKey.isEmpty()) {
      line = line.replace(apiKey, "[redacted]");
    }
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }

  private FileProcessingException badResponse(String what) {
    return new FileProcessingException(VISION_BAD_RESPONSE,
        "The vision endpoint's answer could not be read: " + what + ".",
        "Check that the base URL points at an OpenAI-compatible chat-completions API (" + endpoint + ").");
  }

  private BufferedImage fitted(BufferedImage image) {
    int longer = Math.max(image.getWidth(), image.getHeight());
    if (longer <= maxImageSide) {
      return image;
    }
    double scale = (double) maxImageSide / longer;
    int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
    int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
    int type = image.getType() == BufferedImage.TYPE_BYTE_GRAY ? BufferedImage.TYPE_BYTE_GRAY
        : image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
    BufferedImage scaled = new BufferedImage(w, h, type);
    Graphics2D g = scaled.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(image, 0, 0, w, h, null);
    } finally {
      g.dispose();
    }
    return scaled;
  }

  private static byte[] png(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!ImageIO.write(image, "png", out)) {
      throw new IOException("no PNG writer for image type " + image.getType());
    }
    return out.toByteArray();
  }

  private static String describe(Throwable e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  private static boolean isLoopback(String host) {
    try {
      return host != null && InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "OpenAiVisionRecognizer[" + id() + ", " + endpoint + ", key " + (apiKey != null ? "set" : "unset") + "]";
  }

  /** Options of an {@link OpenAiVisionRecognizer}; each setter validates its value. */
  public static final class Builder {
    private String baseUrl = "https://api.openai.com/v1";
    private String model = "gpt-4o-mini";
    private String apiKey;
    private String prompt = DEFAULT_PROMPT;
    private Duration timeout = Duration.ofSeconds(60);
    private int maxImageSide = 2048;
    private String imageDetail = "high";

    private Builder() {}

    /**
     * The API's base URL, up to and including the version, e.g. {@code https://api.openai.com/v1} (default),
     * {@code http://localhost:11434/v1} (Ollama) or {@code http://localhost:8000/v1} (vLLM); requests go to
     * {@code <baseUrl>/chat/completions}.
     */
    public Builder baseUrl(String baseUrl) {
      Objects.requireNonNull(baseUrl, "baseUrl");
      String trimmed = baseUrl.strip().replaceAll("/+$", "");
      URI uri;
      try {
        uri = URI.create(trimmed);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("baseUrl is not a valid URL: '" + baseUrl + "'", e);
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
        throw new IllegalArgumentException("baseUrl must be an http or https URL such as https://api.openai.com/v1, "
            + "was '" + baseUrl + "'");
      }
      if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
        throw new IllegalArgumentException("baseUrl must not carry a query, fragment or credentials: '" + baseUrl
            + "'; set the key with apiKey(...)");
      }
      this.baseUrl = trimmed;
      return this;
    }

    /** The model, e.g. {@code gpt-4o-mini} (default), {@code llama3.2-vision}, {@code Qwen/Qwen2.5-VL-7B-Instruct}. */
    public Builder model(String model) {
      Objects.requireNonNull(model, "model");
      if (model.isBlank()) {
        throw new IllegalArgumentException("model must not be blank");
      }
      this.model = model.strip();
      return this;
    }

    /** The API key, sent as {@code Authorization: Bearer <key>}. Default: none (Ollama and vLLM need none). */
    public Builder apiKey(String apiKey) {
      Objects.requireNonNull(apiKey, "apiKey");
      if (apiKey.isBlank() || apiKey.chars().anyMatch(c -> c < 0x21 || c > 0x7E)) {
        throw new IllegalArgumentException("apiKey must be non-blank printable ASCII without spaces");
      }
      this.apiKey = apiKey;
      return this;
    }

    /** The instruction sent with each image. Default {@link #DEFAULT_PROMPT}, a verbatim transcription. */
    public Builder prompt(String prompt) {
      Objects.requireNonNull(prompt, "prompt");
      if (prompt.isBlank()) {
        throw new IllegalArgumentException("prompt must not be blank");
      }
      this.prompt = prompt;
      return this;
    }

    /**
     * The longest one request may take, connecting included; the file's own deadline still applies. Default 60 s.
     */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Images are scaled down so their longer side is at most this many pixels before sending, 256 to 8192. Default
     * 2048, what OpenAI's high-detail mode works with anyway; smaller saves tokens.
     */
    public Builder maxImageSide(int pixels) {
      if (pixels < 256 || pixels > 8192) {
        throw new IllegalArgumentException("maxImageSide must be 256 to 8192 pixels, was " + pixels);
      }
      this.maxImageSide = pixels;
      return this;
    }

    /** The {@code image_url.detail} hint: {@code high} (default), {@code low} or {@code auto}. */
    public Builder imageDetail(String detail) {
      Objects.requireNonNull(detail, "detail");
      String d = detail.strip().toLowerCase(Locale.ROOT);
      if (!d.equals("high") && !d.equals("low") && !d.equals("auto")) {
        throw new IllegalArgumentException("imageDetail must be high, low or auto, was '" + detail + "'");
      }
      this.imageDetail = d;
      return this;
    }

    /** The recognizer. Nothing is contacted until the first image. */
    public OpenAiVisionRecognizer build() {
      return new OpenAiVisionRecognizer(this);
    }
  }
}
