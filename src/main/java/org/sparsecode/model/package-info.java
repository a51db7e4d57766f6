/**
 * Models as TensorFlow graphs: {@link org.sparsecode.model.ModelGraph} owns the graph and session;
 * builders such as {@link org.sparsecode.model.FcClassifier} add a model's named endpoints to it.
 */
package org.sparsecode.model;
