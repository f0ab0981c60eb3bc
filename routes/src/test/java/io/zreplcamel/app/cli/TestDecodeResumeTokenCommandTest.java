package io.zreplcamel.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestDecodeResumeTokenCommandTest {

    // Incremental token made by ZFS on Linux 0.8.1 (a public test vector of zrepl's platform tests); the expected
    // values were cross-checked with an independent zlib + nvlist decode.
    static final String INC = "1-eadabb296-e8-789c636064000310a501c49c50360710a715e5e7a69766a63040416445bb6a3cd7a2290a"
            + "40363b92bafca4acd4e412060626a83a0cf9b4b4e2d412908c0e5c9e0d493ea9b224b518483ba8ea61d55f920f714515bf9b3f"
            + "c3c396ef0648f29c60f9bcc4dc54a07c516a414e414e62495a7e512ed0c812fde2a2648724b09900d43e2191";
    static final String FULL_RAW = "1-e3f40c323-f8-789c636064000310a500c4ec50360710e72765a52697303030419460caa7a515a79680"
            + "6474e0f26c48f2499525a9c540da454f0fabfe92fcf4d2cc140686c88a76d578ae45530c90e439c1f27989b9a90c0c5545a90539"
            + "0539892569f945b940234bf48b8b921d12c1e6713320dc9f9c9f5b50945a5c9c9f0d119380ba07265f94580e936200004ff12141";

    @Test
    void printsEveryFieldAsJsonWithUnsignedGuids() {
        CliRun r = CliRun.of("test", "decoderesumetoken", "--token", INC, "--json");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("""
                {
                  "object": 2,
                  "offset": 2883584,
                  "bytes": 3024192,
                  "toguid": 17835627815740247930,
                  "toname": "zreplplatformtest/src@b",
                  "fromguid": 10710134267608266841,
                  "fromname": null,
                  "compressok": false,
                  "rawok": false,
                  "embedok": false,
                  "largeblockok": false,
                  "savedok": false
                }
                """);
    }

    @Test
    void printsTextAndFlagsOfARawFullToken() {
        CliRun r = CliRun.of("test", "decoderesumetoken", "--token", FULL_RAW);
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("toname: zreplplatformtest/src@a\n", "toguid: 10710134267608266841\n",
                "fromguid: -\n", "compressok: true\n", "rawok: true\n", "embedok: false\n");
    }

    @Test
    void badTokensExitTwoWithTheReason() {
        CliRun corrupt = CliRun.of("test", "decoderesumetoken", "--token", INC.replace("-789c6360", "-789c6361"));
        assertThat(corrupt.exit()).isEqualTo(ZreplCamelCli.EXIT_USAGE);
        assertThat(corrupt.out()).isEmpty();
        assertThat(corrupt.err()).isEqualTo(
                "zrepl-camel test decoderesumetoken: resume token is corrupt (incorrect checksum)\n");
        CliRun garbage = CliRun.of("test", "decoderesumetoken", "--token", "hello", "--json");
        assertThat(garbage.exit()).isEqualTo(2);
        assertThat(garbage.err()).contains("resume token is corrupt (invalid format");
        CliRun missing = CliRun.of("test", "decoderesumetoken");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("--token");
    }
}
