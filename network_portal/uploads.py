"""Refuse a request body larger than the portal ever needs before it is read.

Django's DATA_UPLOAD_MAX_MEMORY_SIZE leaves out file data, so without this a form would
check a 1 GB "photo" only after the whole of it had been written to a temporary file.
The TLS proxy caps the body too (README, "Deploying"); this holds when it does not.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler


class RequestSizeCapHandler(FileUploadHandler):
    """First of FILE_UPLOAD_HANDLERS: refuses by Content-Length, then counts what arrives."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.received = 0
        if content_length and content_length > settings.PORTAL_MAX_REQUEST_BYTES:
            raise RequestDataTooBig("The request body is larger than PORTAL_MAX_REQUEST_BYTES.")

    def receive_data_chunk(self, raw_data, start):
        # Content-Length can be absent or wrong (chunked bodies): count the file data itself.
        self.received += len(raw_data)
        if self.received > settings.PORTAL_MAX_REQUEST_BYTES:
            raise RequestDataTooBig("The uploaded files are larger than PORTAL_MAX_REQUEST_BYTES.")
        return raw_data

    def file_complete(self, file_size):
        return None
