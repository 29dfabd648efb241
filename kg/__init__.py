"""SpineKG's build pipeline: corpus -> located statements -> checked, reasoned, validated release."""
