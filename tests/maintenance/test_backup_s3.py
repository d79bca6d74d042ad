"""`carnet backup` and `carnet restore` with the media in an S3 bucket (a local moto server)."""

import json

from tests.media.conftest import s3_bucket, s3_server  # noqa: F401 - fixtures used below

FILES = {
    "documents/x7k2/minutes.pdf": b"%PDF-1.7 the minutes",
    "timeline/9f3a/photo.jpg": b"\xff\xd8\xff a photo",
    "timeline/9f3a/photo-480w.jpg": b"\xff\xd8\xff a smaller photo",
}


def test_a_backup_holds_every_object_of_the_bucket_and_restore_puts_them_back(
    instance,
    s3_bucket,  # noqa: F811
):
    for key, content in FILES.items():
        s3_bucket.put_object(Bucket=s3_bucket.bucket, Key=key, Body=content, ACL="private")
    folder = instance.root / "backup"
    code, _out, err = instance.carnet("backup", "-o", str(folder), extra_env=s3_bucket.env)
    assert code == 0, err
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["media"] == "included"
    for key, content in FILES.items():
        assert (folder / "media" / key).read_bytes() == content
    assert {f"media/{key}" for key in FILES} <= {entry["path"] for entry in manifest["files"]}

    s3_bucket.delete_object(Bucket=s3_bucket.bucket, Key="documents/x7k2/minutes.pdf")
    code, _out, err = instance.carnet("restore", str(folder), "--force", extra_env=s3_bucket.env)
    assert code == 0, err
    for key, content in FILES.items():
        assert s3_bucket.get_object(Bucket=s3_bucket.bucket, Key=key)["Body"].read() == content
