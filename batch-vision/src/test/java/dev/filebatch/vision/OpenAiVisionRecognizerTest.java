package dev.filebatch.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.filebatch.BatchJson;
import dev.filebatch.ErrorCode;
import dev.filebatch.MediaType;
import dev.filebatch.spi.FileProcessingException;
import dev.filebatch.spi.TransientException;
import dev.filebatch.testkit.TestContext;
import dev.filebatch.testkit.TestInputFile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Against a loopback HTTP server that checks and answers the real chat-completions wire format. */
class OpenAiVisionRecognizerTest {
  private static final String KEY = "sk-test-0123456789abcdef";

  @TempDir Path dir;

  private HttpServer server;
  private final ConcurrentLinkedQueue<Exchange> seen = new ConcurrentLinkedQueue<>();
  private volatile Reply reply;

  record Exchange(String method, String path, String authorization, String contentType, JsonNode body) {}

  record Reply(int status, Map<String, String> headers, String body) {}

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] request = exchange.getRequestBody().readAllBytes();
    JsonNode body = request.length == 0 ? null : BatchJson.mapper().readTree(request);
    seen.add(new Exchange(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
        exchange.getRequestHeaders().getFirst("Authorization"),
        exchange.getRequestHeaders().getFirst("Content-Type"), body));
    Reply r = reply;
    r.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    byte[] out = r.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(r.status(), out.length == 0 ? -1 : out.length);
    if (out.length > 0) {
      exchange.getResponseBody().write(out);
    }
    exchange.close();
  }

  private String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  private OpenAiVisionRecognizer recognizer() {
    return OpenAiVisionRecognizer.builder().baseUrl(baseUrl()).model("gpt-4o-mini").apiKey(KEY)
        .timeout(Duration.ofSeconds(20)).build();
  }

  private static String completion(String content, String finishReason) {
    return """
        {"id":"chatcmpl-123","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini-2024-07-18",
         "choices":[{"index":0,"message":{"role":"assistant","content":%s,"refusal":null},
                     "logprobs":null,"finish_reason":"%s"}],
         "usage":{"prompt_tokens":850,"completion_tokens":12,"total_tokens":862}}
        """.formatted(BatchJson.write(content), finishReason);
  }

  @Test
  void sendsTheImageAsDataUrlInARealChatCompletionsRequestAndReadsTheAnswer() throws Exception {
    reply = new Reply(200, Map.of(), completion("AIRMAN KNOWLEDGE TEST REPORT\nSCORE 87", "stop"));
    BufferedImage image = TestFiles.text(900, 170, "AIRMAN KNOWLEDGE TEST REPORT");

    RecognizedText result = recognizer().recognize(image, TestContext.in(dir));

    assertThat(result.text()).isEqualTo("AIRMAN KNOWLEDGE TEST REPORT\nSCORE 87");
    assertThat(result.meanConfidence()).isNull();
    assertThat(result.recognizer()).isEqualTo("openai:gpt-4o-mini");

    Exchange ex = seen.poll();
    assertThat(ex.method()).isEqualTo("POST");
    assertThat(ex.path()).isEqualTo("/v1/chat/completions");
    assertThat(ex.authorization()).isEqualTo("Bearer " + KEY);
    assertThat(ex.contentType()).startsWith("application/json");
    assertThat(ex.body().path("model").asString()).isEqualTo("gpt-4o-mini");
    JsonNode message = ex.body().path("messages").path(0);
    assertThat(message.path("role").asString()).isEqualTo("user");
    JsonNode parts = message.path("content");
    assertThat(parts.path(0).path("type").asString()).isEqualTo("text");
    assertThat(parts.path(0).path("text").asString()).isEqualTo(OpenAiVisionRecognizer.DEFAULT_PROMPT);
    assertThat(parts.path(1).path("type").asString()).isEqualTo("image_url");
    String url = parts.path(1).path("image_url").path("url").asString();
    assertThat(url).startsWith("data:image/png;base64,");
    BufferedImage sent = ImageIO.read(new ByteArrayInputStream(
        Base64.getDecoder().decode(url.substring("data:image/png;base64,".length()))));
    assertThat(sent.getWidth()).isEqualTo(900);
    assertThat(sent.getHeight()).isEqualTo(170);
  }

  @Test
  void worksBehindVisionProcessorWithoutAKeyLikeOllama() throws Exception {
    reply = new Reply(200, Map.of(), completion("HELLO", "stop"));
    OpenAiVisionRecognizer ollama =
        OpenAiVisionRecognizer.builder().baseUrl(baseUrl() + "/").model("llama3.2-vision").build();
    VisionProcessor processor = VisionProcessor.builder().recognizer(ollama).build();
    byte[] png = TestFiles.png(TestFiles.text(600, 170, "HELLO"));

    RecognizedText result =
        processor.process(TestInputFile.write(dir, "a.png", png, MediaType.PNG), TestContext.in(dir));

    assertThat(result.text()).isEqualTo("HELLO");
    assertThat(result.recognizer()).isEqualTo("openai:llama3.2-vision");
    assertThat(result.width()).isEqualTo(600);
    assertThat(processor.concurrency().cpuBound()).isFalse();
    Exchange ex = seen.poll();
    assertThat(ex.path()).isEqualTo("/v1/chat/completions");
    assertThat(ex.authorization()).isNull();
    assertThat(ex.body().path("model").asString()).isEqualTo("llama3.2-vision");
  }

  @Test
  void scalesLargeImagesDownBeforeSending() throws Exception {
    reply = new Reply(200, Map.of(), completion("X", "stop"));
    OpenAiVisionRecognizer small =
        OpenAiVisionRecognizer.builder().baseUrl(baseUrl()).maxImageSide(512).build();

    small.recognize(new BufferedImage(2000, 1000, BufferedImage.TYPE_BYTE_GRAY), TestContext.in(dir));

    String url = seen.poll().body().path("messages").path(0).path("content").path(1).path("image_url").path("url")
        .asString();
    BufferedImage sent = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(url.substring(22))));
    assertThat(sent.getWidth()).isEqualTo(512);
    assertThat(sent.getHeight()).isEqualTo(256);
  }

  @Test
  void turns429IntoRateLimitedTransientFailureCarryingRetryAfterSeconds() {
    reply = new Reply(429, Map.of("Retry-After", "7"),
        "{\"error\":{\"message\":\"Rate limit reached for gpt-4o-mini\",\"type\":\"requests\","
            + "\"param\":null,\"code\":\"rate_limit_exceeded\"}}");

    assertThatThrownBy(() -> recognizer().recognize(image(), TestContext.in(dir)))
        .isInstanceOfSatisfying(TransientException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
          assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
          assertThat(e.getMessage()).contains("429").contains("Rate limit reached");
        });
  }

  @Test
  void readsRetryAfterGivenAsHttpDate() {
    String in30s = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(30));
    reply = new Reply(429, Map.of("Retry-After", in30s), "{}");

    assertThatThrownBy(() -> recognizer().recognize(image(), TestContext.in(dir)))
        .isInstanceOfSatisfying(TransientException.class,
            e -> assertThat(e.retryAfter()).hasValueSatisfying(
                d -> assertThat(d).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(31))));
  }

  @Test
  void turns500IntoTransientFailure() {
    reply = new Reply(500, Map.of(), "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}");

    assertThatThrownBy(() -> recognizer().recognize(image(), TestContext.in(dir)))
        .isInstanceOfSatisfying(TransientException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.RETRIES_EXHAUSTED);
          assertThat(e.retryAfter()).isEmpty();
        });
  }

  @Test
  void turns503WithRetryAfterIntoTransientFailureCarryingIt() {
    reply = new Reply(503, Map.of("Retry-After", "2"), "overloaded");

    assertThatThrownBy(() -> recognizer().recognize(image(), TestContext.in(dir)))
        .isInstanceOfSatisfying(TransientException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(2)));
  }

  @Test
  void turns401IntoTypedNonTransientFailureWithoutRevealingTheKey() {
    reply = new Reply(401, Map.of(), "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY
        + ". You can find your API key at https://platform.openai.com/account/api-keys.\","
        + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}");

    assertThatThrownBy(() -> recognizer().recognize(image(), TestContext.in(dir)))
        .isInstanceOfSatisfying(FileProcessingException.class, e -> {
          assertThat(e).isNotInstanceOf(TransientException.class);
          assertThat(e.code()).isEqualTo(ErrorCode.of("VISION_AUTH_FAILED"));
          assertThat(e.getMessage()).contains("401").doesNotContain(KEY);
          assertThat(e.error().remediation()).contains("API key");
        });
  }

  @Test
  void turns400IntoRequestRejected() {
    reply = new Reply(400, Map.of(), "{\"error\":{\"message\":\"Invalid image.\",\"type\":\"invalid_request_error\"}}");

    assertThatThrownBy(() -> recognizer().recognize(image(), TestContext.in(dir)))
        .isInstanceOfSatisfying(FileProcessingException.class, e -> {
          assertThat(e).isNotInstanceOf(TransientException.class);
          assertThat(e.code()).isEqualTo(OpenAiVisionRecognizer.VISION_REQUEST_REJECTED);
          assertThat(e.getMessage()).contains("Invalid image.");
        });
  }

  @Test
  void failsWithBadResponseWhenTheAnswerIsNotAChatCompletion() {
    reply = new Reply(200, Map.of(), "<html>welcome to nginx</html>");

    assertThatThrownBy(() -> recognizer().recognize(image(), TestContext.in(dir)))
        .isInstanceOfSatisfying(FileProcessingException.class,
            e -> assertThat(e.code()).isEqualTo(OpenAiVisionRecognizer.VISION_BAD_RESPONSE));
  }

  @Test
  void reportsRefusalAsRequestRejected() {
    reply = new Reply(200, Map.of(), """
        {"choices":[{"index":0,"message":{"role":"assistant","content":null,"refusal":"I can't help with that."},
        "finish_reason":"stop"}]}""");

    assertThatThrownBy(() -> recognizer().recognize(image(), TestContext.in(dir)))
        .isInstanceOfSatisfying(FileProcessingException.class, e -> {
          assertThat(e.code()).isEqualTo(OpenAiVisionRecognizer.VISION_REQUEST_REJECTED);
          assertThat(e.getMessage()).contains("refused");
        });
  }

  @Test
  void keepsTextCutShortByTheTokenLimitButMarksItPartial() throws Exception {
    reply = new Reply(200, Map.of(), completion("FIRST HALF", "length"));
    TestContext ctx = TestContext.in(dir);

    RecognizedText result = recognizer().recognize(image(), ctx);

    assertThat(result.text()).isEqualTo("FIRST HALF");
    assertThat(ctx.partial().code()).isEqualTo(OpenAiVisionRecognizer.OCR_TRUNCATED);
  }

  @Test
  void turnsAnUnreachableEndpointIntoTransientFailure() {
    int port = server.getAddress().getPort();
    server.stop(0);
    OpenAiVisionRecognizer gone =
        OpenAiVisionRecognizer.builder().baseUrl("http://127.0.0.1:" + port + "/v1").build();

    assertThatThrownBy(() -> gone.recognize(image(), TestContext.in(dir)))
        .isInstanceOfSatisfying(TransientException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.RETRIES_EXHAUSTED));
  }

  @Test
  void refusesInvalidOptionsWithClearMessages() {
    assertThatThrownBy(() -> OpenAiVisionRecognizer.builder().baseUrl("ftp://example.com"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http or https");
    assertThatThrownBy(() -> OpenAiVisionRecognizer.builder().baseUrl("https://user:pw@example.com/v1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("credentials");
    assertThatThrownBy(() -> OpenAiVisionRecognizer.builder().apiKey("has space"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apiKey");
    assertThatThrownBy(() -> OpenAiVisionRecognizer.builder().timeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
    assertThatThrownBy(() -> OpenAiVisionRecognizer.builder().imageDetail("ultra"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("imageDetail");
    assertThat(OpenAiVisionRecognizer.builder().apiKey(KEY).build().toString()).doesNotContain(KEY);
  }

  private static BufferedImage image() {
    return TestFiles.text(400, 120, "X");
  }
}
