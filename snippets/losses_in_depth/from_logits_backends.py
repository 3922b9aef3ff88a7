from pathlib import Path

import keras

print(keras.config.backend())
#> tensorflow

# Each backend's nn.py holds its cross-entropies. Count where the attribute
# holding the attached logits appears (the files are read as text; no backend
# is imported).
backends = Path(keras.__file__).parent / "src" / "backend"
columns = f"{'defines the cross-entropies':>27} {'_keras_logits':>13}"
print(f"{'backend':10} {columns}")
#> backend    defines the cross-entropies _keras_logits
for name in ["tensorflow", "jax", "torch", "numpy"]:
    source = (backends / name / "nn.py").read_text(encoding="utf-8")
    defined = all(
        f"def {loss}(" in source
        for loss in ["binary_crossentropy", "categorical_crossentropy",
                     "sparse_categorical_crossentropy"]
    )
    print(f"{name:10} {defined!s:>27} {source.count('_keras_logits'):>13}")
    #> tensorflow                        True             8
    #> jax                               True             0
    #> torch                             True             0
    #> numpy                             True             0
