/* Embeds backend/openapi.json as the NUL-terminated string openapi_json. */
	.section .rodata
	.global openapi_json
	.type openapi_json, @object
openapi_json:
	.incbin "openapi.json"
	.byte 0
	.section .note.GNU-stack,"",@progbits
