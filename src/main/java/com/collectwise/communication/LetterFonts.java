package com.collectwise.communication;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import com.lowagie.text.DocumentException;
import com.lowagie.text.pdf.BaseFont;

/**
 * The font of every PDF that goes to a customer (the dunning letter, the statement of account): Noto Sans SC (SIL
 * OFL 1.1, fetched by the build: pom.xml profile cjk-font), which has Latin and every Chinese character, so a Chinese
 * company or decision maker prints in an English document too. Embedded as a subset (Identity-H): each PDF carries
 * the glyphs it uses only. Read once per application: parsing the 10 MB font per document would cost more than the
 * document, and a BaseFont keeps no state of one document (the glyphs used are tracked per PdfWriter).
 */
@Component
public class LetterFonts {

    static final String REGULAR_FONT = "fonts/NotoSansSC-Regular.ttf";
    static final String BOLD_FONT = "fonts/NotoSansSC-Bold.ttf";

    private final BaseFont regular;
    private final BaseFont bold;

    public LetterFonts() {
        this.regular = font(REGULAR_FONT);
        this.bold = font(BOLD_FONT);
    }

    public BaseFont regular() {
        return regular;
    }

    public BaseFont bold() {
        return bold;
    }

    private static BaseFont font(String path) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return BaseFont.createFont(path, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true, in.readAllBytes(), null);
        } catch (IOException e) {
            throw new UncheckedIOException("the letter font " + path + " is missing: build with Maven, which fetches"
                + " it (pom.xml profile cjk-font)", e);
        } catch (DocumentException e) {
            throw new IllegalStateException("the letter font " + path + " cannot be read", e);
        }
    }
}
