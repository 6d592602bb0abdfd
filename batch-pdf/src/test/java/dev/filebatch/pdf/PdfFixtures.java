package dev.filebatch.pdf;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceGray;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/** Builds the PDFs the tests read, with PDFBox itself. */
final class PdfFixtures {
  private static final float MARGIN = 72;
  private static final float LEADING = 16;

  private PdfFixtures() {}

  /** A PDF with one page per entry; each entry's lines ({@code \n}-separated) are drawn top to bottom. */
  static Path textPdf(Path file, List<String> pages) throws IOException {
    try (PDDocument document = new PDDocument()) {
      addTextPages(document, pages);
      document.getDocumentInformation().setTitle("Fixture");
      document.save(file.toFile());
    }
    return file;
  }

  /** A text PDF protected with the given passwords and permissions (AES-256). */
  static Path encryptedPdf(Path file, List<String> pages, String ownerPassword, String userPassword,
      AccessPermission permissions) throws IOException {
    try (PDDocument document = new PDDocument()) {
      addTextPages(document, pages);
      StandardProtectionPolicy policy = new StandardProtectionPolicy(ownerPassword, userPassword, permissions);
      policy.setEncryptionKeyLength(256);
      document.protect(policy);
      document.save(file.toFile());
    }
    return file;
  }

  /**
   * A one-page PDF encrypted for certificate holders (the {@code Adobe.PubSec} security handler), written by hand:
   * PDFBox can only write one with Bouncy Castle, which the project does not ship. The recipient list is a stub,
   * since no reader gets past the missing private key anyway.
   */
  static Path certificateEncryptedPdf(Path file) throws IOException {
    List<String> objects = List.of(
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        "<< /Filter /Adobe.PubSec /SubFilter /adbe.pkcs7.s5 /V 4 /Length 128 /StmF /DefaultCryptFilter"
            + " /StrF /DefaultCryptFilter /CF << /DefaultCryptFilter << /CFM /AESV2 /Recipients [<3000>] >> >> >>");
    StringBuilder pdf = new StringBuilder("%PDF-1.6\n");
    List<Integer> offsets = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      offsets.add(pdf.length());
      pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
    }
    int xref = pdf.length();
    pdf.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
    for (int offset : offsets) {
      pdf.append(String.format("%010d 00000 n \n", offset));
    }
    pdf.append("trailer\n<< /Size ").append(objects.size() + 1)
        .append(" /Root 1 0 R /Encrypt 4 0 R /ID [<0123456789abcdef> <0123456789abcdef>] >>\n")
        .append("startxref\n").append(xref).append("\n%%EOF\n");
    return write(file, pdf.toString().getBytes(StandardCharsets.US_ASCII));
  }

  /** A PDF whose pages are pictures of the given words only, like a scan: no text layer. */
  static Path scannedPdf(Path file, List<String> pages) throws IOException {
    try (PDDocument document = new PDDocument()) {
      for (String words : pages) {
        PDPage page = new PDPage(PDRectangle.LETTER);
        document.addPage(page);
        PDImageXObject image = LosslessFactory.createFromImage(document, picture(words, 425, 550));
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
          content.drawImage(image, 0, 0, PDRectangle.LETTER.getWidth(), PDRectangle.LETTER.getHeight());
        }
      }
      document.save(file.toFile());
    }
    return file;
  }

  /** A single scanned-looking page of the given size in points. */
  static Path scannedPdfOfSize(Path file, float widthPoints, float heightPoints) throws IOException {
    try (PDDocument document = new PDDocument()) {
      PDPage page = new PDPage(new PDRectangle(widthPoints, heightPoints));
      document.addPage(page);
      PDImageXObject image = LosslessFactory.createFromImage(document, picture("BIG", 100, 100));
      try (PDPageContentStream content = new PDPageContentStream(document, page)) {
        content.drawImage(image, 0, 0, widthPoints, heightPoints);
      }
      document.save(file.toFile());
    }
    return file;
  }

  /**
   * A Letter page holding a grey image that declares {@code width x height} pixels but carries only a few bytes, as a
   * hostile file would: refusing it must not need decoding it.
   */
  static Path pdfWithDeclaredImageSize(Path file, int width, int height) throws IOException {
    try (PDDocument document = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.LETTER);
      document.addPage(page);
      PDImageXObject image = new PDImageXObject(document, new java.io.ByteArrayInputStream(new byte[64]),
          COSName.FLATE_DECODE, width, height, 8, PDDeviceGray.INSTANCE);
      try (PDPageContentStream content = new PDPageContentStream(document, page)) {
        content.drawImage(image, 0, 0, 100, 100);
      }
      document.save(file.toFile());
    }
    return file;
  }

  /** The bytes of a PDF of the given text pages. */
  static byte[] textPdfBytes(List<String> pages) throws IOException {
    try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      addTextPages(document, pages);
      document.save(out);
      return out.toByteArray();
    }
  }

  static Path write(Path file, byte[] bytes) throws IOException {
    return Files.write(file, bytes);
  }

  private static void addTextPages(PDDocument document, List<String> pages) throws IOException {
    PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    for (String text : pages) {
      PDPage page = new PDPage(PDRectangle.LETTER);
      document.addPage(page);
      try (PDPageContentStream content = new PDPageContentStream(document, page)) {
        content.beginText();
        content.setFont(font, 12);
        content.setLeading(LEADING);
        content.newLineAtOffset(MARGIN, PDRectangle.LETTER.getHeight() - MARGIN);
        for (String line : text.split("\n", -1)) {
          content.showText(line);
          content.newLine();
        }
        content.endText();
      }
    }
  }

  private static BufferedImage picture(String words, int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      // Bars rather than drawn glyphs: headless machines may have no fonts, and the test recognizer reads nothing.
      g.setColor(Color.BLACK);
      for (int i = 0; i < words.length(); i++) {
        g.fillRect(20 + i * 18, 40, 12, 24);
      }
    } finally {
      g.dispose();
    }
    return image;
  }
}
