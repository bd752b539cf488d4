package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One-time codes as SMS and email providers phrase them (with a brand, ending in OTP, in French, German and Spanish),
 * webhook signatures under their names, a credential given to the AWS CLI, medical record and Australian Medicare
 * numbers in prose, and Dovecot's login names.
 */
class CodesSignaturesAndRecordNumbersTest {

    private final BothEngines engines = new BothEngines("messaging");

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        args=['+447700900461', 'Your Heron code is 640219. It expires in 10 minutes.'] | 640219
        subject="Votre code de connexion : 318204" | 318204
        {"Body":"Ihr Bestätigungscode lautet 772310. Gültig für 5 Minuten."} | 772310
        {"text":"Tu código de verificación es 493021"} | 493021
        {"message":"5812 is your Pelican login OTP. Do not share it."} | 5812
        + aws configure set aws_secret_access_key w9Kq2LmZ7xPv4Rt8Ys1Nd6Fg3Hj5Kl0QaZxCvBnM | w9Kq2LmZ7xPv4Rt8Ys1Nd6Fg3Hj5Kl0QaZxCvBnM
        {"additionalData":{"hmacSignature":"Q2VydGFpbmx5IG5vdCBhIHJlYWwgc2lnbmF0dXJlIQ=="}} | Q2VydGFpbmx5IG5vdCBhIHJlYWwgc2lnbmF0dXJlIQ==
        verified orders/create X-Shopify-Hmac-Sha256=a3F9bW1Pd0xQc2R2Tm5HZ2hKa2xNbm9QcVJzdFV2V3g= shop=x | a3F9bW1Pd0xQc2R2Tm5HZ2hKa2xNbm9QcVJzdFV2V3g=
        ORU^R01 released to portal for patient (MRN 51234987): HbA1c 7.9% | 51234987
        chart opened MRN: E5512098 by ward 4 | E5512098
        [claims-au] Medicare card 2953 71846 2 rejected: details do not match | 2953 71846 2
        imap-login: Login: user=<kweber>, method=PLAIN, TLS | kweber
        imap-login: Disconnected (auth failed, 3 attempts in 12 secs): user=<lpetrov>, method=PLAIN | lpetrov
        """)
    void the_value_is_masked(String line, String value) {
        assertThat(engines.mask(line)).as(line).doesNotContain(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"signature_version\":\"4\",\"signature\":\"RS256\"}",
        "Your Report code is ready",
        "Your code is 2048 lines long",
        "MRN lookup failed for request 7",
        "medicare eligibility check took 1200 ms",
        "imap-login: Login: session=<n1wg7430x5OJxgvw> method=PLAIN",
    })
    void what_only_looks_like_one_stays(String line) {
        assertThat(engines.mask(line)).isEqualTo(line);
    }
}
